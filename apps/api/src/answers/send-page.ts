import type { Response } from 'express';
import type { HtmlPage } from './answer-page.html';

/**
 * The headers every answer page goes out with: never cached or indexed, its URL (which holds the
 * link token) never sent on as a referrer, no scripts, forms posting only back here, no framing.
 */
export const sendPage = (response: Response, page: HtmlPage): void => {
  if (response.headersSent) {
    response.end();
    return;
  }
  response
    .status(page.status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex, nofollow',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    })
    .send(page.html);
};
