/**
 * What of a request's path may be shown where it travels further than the link it holds should (a
 * log line, a refusal's message): an answer or unsubscribe link's token stands for the member it was
 * sent to, so it and anything after it are left out (`/answers/:token`), as is the query.
 */
import { ANSWER_PATH, UNSUBSCRIBE_PATH } from '@stepwise/nudges-infrastructure';

/** Paths whose next segment is a signed link's token; matched as Express routes them, whatever the case. */
const SIGNED_LINK = new RegExp(`^/+(${ANSWER_PATH}|${UNSUBSCRIBE_PATH})(?=/)`, 'i');

/** The path with its escapes undone, so an escaped link is found too; decoded only when it holds one, the rare case. */
const decoded = (path: string): string => {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/**
 * A request-target in absolute form (`http://host/answers/…`, as a client speaking to a forward proxy
 * sends it), which Node passes on as it came and the router serves by its path: shown as that path.
 */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** The request's path without its query, and without the token where it holds a signed link. */
export const shownPath = (url: string): string => {
  const path = url.replace(ABSOLUTE_FORM, '').split('?')[0] || '/';
  const link = SIGNED_LINK.exec(decoded(path));
  return link ? `/${link[1]}/:token` : path;
};

/** `message` with the request's URL in it (the router's "Cannot GET <url>") shown as `shownPath` shows it. */
export const withShownPath = (message: string, url: string): string => (url ? message.split(url).join(shownPath(url)) : message);
