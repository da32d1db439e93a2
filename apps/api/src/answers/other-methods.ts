import type { Response } from 'express';
import type { HtmlPage } from './answer-page.html';
import { sendPage } from './send-page';

/** What a link of the public pages takes: opening it (GET, or HEAD) and answering it (POST). */
export const PAGE_METHODS = 'GET, HEAD, POST';

/**
 * Any other method on a link: OPTIONS says which are allowed; the rest are refused with a page and
 * its code (405 METHOD_NOT_ALLOWED), nothing read or written. Without this, the framework's own 404
 * answered in JSON, without the pages' headers, and with the link's token in its message.
 */
export const answerOtherMethod = (method: string, response: Response, page: (status: number, code: string, message: string) => HtmlPage): void => {
  response.set('allow', PAGE_METHODS);
  if (method === 'OPTIONS') {
    response.status(204).set('cache-control', 'no-store').end();
    return;
  }
  sendPage(response, page(405, 'METHOD_NOT_ALLOWED', 'This link can only be opened or answered from its page.'));
};
