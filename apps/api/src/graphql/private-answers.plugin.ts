/**
 * Every GraphQL answer is for its caller alone (a member's own journeys, comfort, notes), so no cache
 * between the api and the caller may keep it (`Cache-Control: no-store`), and no browser may read it
 * as anything but the JSON it is (`X-Content-Type-Options: nosniff`). Set as the request starts, on
 * the answer's own headers, so answers refused, failed or run compiled carry them alike.
 */
import type { ApolloServerPlugin } from '@apollo/server';

export const privateAnswersPlugin = (): ApolloServerPlugin => ({
  requestDidStart: async ({ response }) => {
    response.http.headers.set('cache-control', 'no-store');
    response.http.headers.set('x-content-type-options', 'nosniff');
  },
});
