/**
 * Times every GraphQL request into the process's metrics, by operation name, type and outcome:
 * `ok`, the client error's code (`VALIDATION_FAILED`, `NOT_FOUND`…), or `internal`. Operation names
 * come from clients, so only well-formed names are kept, and only the first MAX_OPERATION_NAMES of
 * them: past that a name is counted as `other`, and a client cannot grow the series without end.
 * Only a caller with a verified token spends that budget: a request without one (refused, or a
 * public operation such as `health`, or one whose variables did not fit, refused before any field
 * ran and so before its token was checked) is counted as `unauthenticated`, whatever it names itself, so
 * anyone who can reach the api cannot use up the names and leave members' operations as `other`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ProcessMetrics } from '@stepwise/platform';
import type { GraphqlContext } from '../auth/caller';

const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const outcomeOf = (errors: readonly { readonly extensions?: Record<string, unknown> }[] | undefined): string => {
  if (!errors || errors.length === 0) return 'ok';
  const codes = errors.map((error) => error.extensions?.code);
  if (codes.some((code) => code === 'INTERNAL' || typeof code !== 'string' || !ERROR_CODE.test(code))) return 'internal';
  return codes[0] as string;
};

export const graphqlMetricsPlugin = (metrics: ProcessMetrics): ApolloServerPlugin => {
  const names = new Set<string>();
  const operationLabel = (name: string | undefined, parsed: boolean, authenticated: boolean): string => {
    if (!parsed) return 'invalid';
    if (!authenticated) return 'unauthenticated';
    if (name === undefined) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, response, contextValue }) {
          const seconds = (performance.now() - started) / 1000;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          const authenticated = (contextValue as Partial<GraphqlContext> | undefined)?.identity !== undefined;
          const label = operationLabel(operation?.name?.value, operation !== undefined, authenticated);
          metrics.graphqlRequest(label, operation?.operation ?? 'unknown', outcomeOf(errors), seconds);
        },
      };
    },
  };
};
