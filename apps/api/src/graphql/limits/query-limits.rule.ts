import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { selectionMeasurer } from './operation-walk';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Each field costs 1, times the sizes of the lists enclosing it (`first`, or 20 for a list answered whole). */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxCost: 5_000 };

const limitError = (code: string, message: string): GraphQLError => new GraphQLError(message, { extensions: { code } });

/** A measure as a person reads it: fragments spread in fragments can reach numbers past any integer. */
const amount = (value: number): string => (Number.isSafeInteger(value) ? String(value) : `more than ${Number.MAX_SAFE_INTEGER}`);

/** One validation rule for depth, aliases and cost, per operation, before anything executes. */
export const queryLimitsRule =
  (limits: QueryLimits) =>
  (context: ValidationContext): ASTVisitor => {
    const measure = selectionMeasurer(context);
    return {
      OperationDefinition(operation) {
        const { depth, aliases, cost } = measure(operation.selectionSet, context.getSchema().getRootType(operation.operation) ?? undefined);
        if (depth > limits.maxDepth) {
          context.reportError(limitError('QUERY_TOO_DEEP', `The query is ${amount(depth)} levels deep; at most ${limits.maxDepth} are allowed`));
        }
        if (aliases > limits.maxAliases) {
          context.reportError(limitError('TOO_MANY_ALIASES', `The query uses ${amount(aliases)} aliases; at most ${limits.maxAliases} are allowed`));
        }
        if (cost > limits.maxCost) {
          context.reportError(limitError('QUERY_TOO_COSTLY', `The query would cost ${amount(cost)}; at most ${limits.maxCost} is allowed`));
        }
      },
    };
  };
