/**
 * A request to /graphql refused before GraphQL reads it (a method, a content type or a body GraphQL
 * cannot take). `GraphqlErrorsFilter` answers it as every malformed request is answered: an `errors`
 * array with `extensions.code` (BAD_REQUEST unless the refusal names its own) and this message, under
 * this status.
 */
export class GraphqlRequestRefusal extends Error {
  readonly expose = true;
  readonly type = 'graphql.request.refused';

  constructor(
    readonly statusCode: number,
    message: string,
    readonly code = 'BAD_REQUEST',
  ) {
    super(message);
  }
}
