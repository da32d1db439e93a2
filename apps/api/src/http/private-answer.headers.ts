/**
 * Every answer on /graphql is for its caller alone (a member's own journeys, comfort, notes), so no
 * cache between the api and the caller may keep it (`Cache-Control: no-store`), and no browser may
 * read it as anything but the JSON it is (`X-Content-Type-Options: nosniff`). Set as the request
 * reaches /graphql, on either path there (graphql-edge, or Express's), so answers served, refused
 * before GraphQL read them, failed or run compiled carry them alike.
 */
import type { ServerResponse } from 'node:http';

export const markAnswerPrivate = (response: ServerResponse): void => {
  response.setHeader('cache-control', 'no-store');
  response.setHeader('x-content-type-options', 'nosniff');
};
