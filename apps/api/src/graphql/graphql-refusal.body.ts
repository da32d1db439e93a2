import { GraphqlRequestRefusal } from './graphql-request.refusal';

/** An error from the `http-errors` package (body parsing: malformed JSON, a body too large…). */
export interface ClientHttpError {
  readonly statusCode: number;
  readonly message: string;
  readonly expose?: boolean;
  /** body-parser's kind of failure: `entity.too.large`, `charset.unsupported`… */
  readonly type?: string;
  readonly limit?: number;
}

/**
 * A body the GraphQL endpoint cannot read (or a request it refuses before reading) is answered as
 * GraphQL answers any malformed request: an `errors` array with `extensions.code` BAD_REQUEST (or a refusal's own code),
 * under the HTTP status body parsing (or the refusal) chose.
 */
export const graphqlRefusalBody = (exception: ClientHttpError): { errors: { message: string; extensions: { code: string } }[] } => {
  const message =
    exception instanceof GraphqlRequestRefusal
      ? exception.message
      : exception.type === 'entity.too.large' && exception.limit !== undefined
        ? `The request body is larger than the ${exception.limit / 1024} KiB allowed`
        : `The request body cannot be read as JSON: ${exception.expose === false ? 'Bad Request' : exception.message}`;
  const code = exception instanceof GraphqlRequestRefusal ? exception.code : 'BAD_REQUEST';
  return { errors: [{ message, extensions: { code } }] };
};
