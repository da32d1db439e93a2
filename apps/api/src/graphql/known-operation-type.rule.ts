/**
 * Refuses an operation whose kind the schema has no root type for (Stepwise serves no subscriptions):
 * graphql-js validates such an operation's fields against nothing and only fails when it executes,
 * which would answer a client's mistake as an internal error.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export const knownOperationTypeRule = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(operation) {
    if (context.getSchema().getRootType(operation.operation)) return;
    context.reportError(new GraphQLError(`This api has no ${operation.operation} operations; send a query or a mutation`, { nodes: operation }));
  },
});
