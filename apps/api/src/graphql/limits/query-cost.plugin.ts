import type { ApolloServerPlugin } from '@apollo/server';
import { costRefusal } from './query-cost';
import type { QueryLimits } from './query-limits.rule';

/**
 * Refuses a request whose operation costs more than the limit, once Apollo knows which operation it
 * runs and before anything executes: a page size given as a variable counts at the value sent.
 */
export const queryCostPlugin = (limits: QueryLimits): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        const refusal = costRefusal(limits, { schema, document, operation, variables: request.variables });
        if (refusal) throw refusal;
      },
    };
  },
});
