import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { selectionMeasurer } from './operation-walk';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Each field costs 1, times the sizes of the lists enclosing it (`first`, or 20 for a list answered whole). */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxCost: 5_000 };

export const limitError = (code: string, message: string): GraphQLError => new GraphQLError(message, { extensions: { code } });

/** A measure as a person reads it: fragments spread in fragments can reach numbers past any integer. */
export const amount = (value: number): string => (Number.isSafeInteger(value) ? String(value) : `more than ${Number.MAX_SAFE_INTEGER}`);

/**
 * One validation rule for depth and aliases, per operation, before anything executes. Cost depends
 * on the page sizes a request's variables give, so it is checked per request once the operation is
 * known (`queryCostPlugin`); validation runs once per document.
 */
export const queryLimitsRule =
  (limits: QueryLimits) =>
  (context: ValidationContext): ASTVisitor => {
    const measure = selectionMeasurer({ schema: context.getSchema(), fragment: (name) => context.getFragment(name) });
    return {
      OperationDefinition(operation) {
        const { depth, aliases, introspectionAliases } = measure(operation.selectionSet, context.getSchema().getRootType(operation.operation) ?? undefined);
        if (depth > limits.maxDepth) {
          context.reportError(limitError('QUERY_TOO_DEEP', `The query is ${amount(depth)} levels deep; at most ${limits.maxDepth} are allowed`));
        }
        if (introspectionAliases > 0) {
          context.reportError(limitError('TOO_MANY_ALIASES', 'Aliases are not allowed inside __schema and __type: they would ask for the schema many times over; ask once'));
        }
        if (aliases > limits.maxAliases) {
          context.reportError(limitError('TOO_MANY_ALIASES', `The query uses ${amount(aliases)} aliases; at most ${limits.maxAliases} are allowed`));
        }
      },
    };
  };
