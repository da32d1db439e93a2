import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { walkSelections } from './operation-walk';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Each field costs 1, times the page sizes (`first`) of the lists enclosing it. */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxCost: 5_000 };

const limitError = (code: string, message: string): GraphQLError => new GraphQLError(message, { extensions: { code } });

/** One validation rule for depth, aliases and cost, per operation, before anything executes. */
export const queryLimitsRule =
  (limits: QueryLimits) =>
  (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      let deepest = 0;
      let aliases = 0;
      let cost = 0;
      walkSelections(context, operation.selectionSet, (field) => {
        deepest = Math.max(deepest, field.depth);
        if (field.alias) aliases += 1;
        if (!field.name.startsWith('__')) cost += field.multiplier;
      });
      if (deepest > limits.maxDepth) {
        context.reportError(limitError('QUERY_TOO_DEEP', `The query is ${deepest} levels deep; at most ${limits.maxDepth} are allowed`));
      }
      if (aliases > limits.maxAliases) {
        context.reportError(limitError('TOO_MANY_ALIASES', `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`));
      }
      if (cost > limits.maxCost) {
        context.reportError(limitError('QUERY_TOO_COSTLY', `The query would cost ${cost}; at most ${limits.maxCost} is allowed`));
      }
    },
  });
