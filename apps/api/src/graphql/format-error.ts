import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '@stepwise/database';
import { isCodedError } from '@stepwise/kernel';
import { currentCorrelationId, type Logger } from '@stepwise/platform';

/** Codes GraphQL itself gives to malformed requests; these pass through unchanged. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COSTLY',
]);

/**
 * Coded errors that no request should be able to cause: reaching one means a defect in Stepwise, so
 * they are logged for a person like any unexpected error (an event in a stream that no upcaster or
 * decoder can read is the code's fault, not the client's).
 */
const DEFECT_CODES = new Set(['TENANT_CONTEXT_MISSING', 'TENANT_MISMATCH', 'EVENT_NOT_DECODABLE']);

/** Refusals worth a look in a burst: failed authentications, and an identity provider whose keys cannot be fetched. */
const WARNING_CODES = new Set(['UNAUTHENTICATED', 'AUTHENTICATION_UNAVAILABLE']);

/**
 * How loudly a coded error is logged. A client's mistake (validation, not found, a rule of the
 * domain) is routine: `info`. A failed authentication is `warn`, since a burst of them is worth a
 * look, and so is a request refused because the identity provider's keys could not be fetched.
 * `error` is kept for what needs a person.
 */
export const logLevelForCode = (code: string): 'info' | 'warn' | 'error' => (DEFECT_CODES.has(code) ? 'error' : WARNING_CODES.has(code) ? 'warn' : 'info');

/**
 * graphql-js refuses an argument while it runs the operation, after validation passed: a variable of
 * a nullable type sent as null where the argument (or an input field) is non-null with a default,
 * which validation allows because the default stands in for an absent variable, not a null one. It
 * throws a plain GraphQLError about the request (no originalError, no code): the client's mistake.
 */
const ARGUMENT_REFUSED = /^Argument "[^"]*" (of required type "[^"]*" was (not provided|provided the variable)|of non-null type "[^"]*" must not be null|has invalid value )/;

const refusedArgument = (error: unknown): boolean =>
  error instanceof GraphQLError && error.originalError === undefined && error.extensions.code === undefined && ARGUMENT_REFUSED.test(error.message);

/**
 * Apollo refuses some malformed requests (a persisted-query hash that does not match its query, an
 * unsupported persisted-query version) with an HTTP 4xx status but no code of their own: they are
 * the client's mistake, answered BAD_REQUEST with that status.
 */
const clientStatusOf = (error: unknown): number | undefined => {
  if (!(error instanceof GraphQLError) || typeof error.extensions.code === 'string') return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

export interface FormatErrorOptions {
  /**
   * Production: no error names what the schema holds beyond what was sent. Apollo drops graphql-js's
   * "Did you mean …?" from validation errors only; variables are checked later, and their errors
   * would still suggest enum values and input fields.
   */
  readonly hideSchemaDetails?: boolean;
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;
const APOLLO_INTROSPECTION_REFUSAL = 'GraphQL introspection is not allowed by Apollo Server';

/** graphql-js stops validating a document past its own work budget (the same field asked for hundreds of times…). */
const GRAPHQL_VALIDATION_ABORTED = 'Validation aborted.';

/** A request error's message as the client reads it: no suggestions in production, no framework advice. */
const clientMessage = (message: string, { hideSchemaDetails = false }: FormatErrorOptions): string => {
  if (message.startsWith(APOLLO_INTROSPECTION_REFUSAL)) return 'Introspection is off on this api (__schema and __type cannot be queried)';
  if (message === GRAPHQL_VALIDATION_ABORTED) {
    return 'The document is too repetitive to validate (the same fields or fragments asked for many times over); ask for each field once';
  }
  return hideSchemaDetails ? message.replace(SUGGESTION, '') : message;
};

/**
 * A refused request's message as it is logged: graphql-js quotes the values it refused (a variable
 * whole, with a reflection's note and comfort beside the field at fault; a literal of the wrong
 * type), and those are personal. The client still gets the message whole: the values are its own.
 */
const VARIABLE_REFUSED = /^Variable "(\$[^"]*)" got invalid value /;
const LEAF_REFUSED = /^(.* cannot represent [^:]*value)(?::| ).*$/s;
const LITERAL_REFUSED = /^(Expected value of type "[^"]*"), found .*$/s;
const ARGUMENT_VALUE_REFUSED = /^(Argument "[^"]*" has invalid value) .*$/s;

export const loggableReason = (message: string): string => {
  const variable = VARIABLE_REFUSED.exec(message);
  if (variable) return `Variable "${variable[1]}" got an invalid value (not logged)`;
  if (LITERAL_REFUSED.test(message)) return message.replace(LITERAL_REFUSED, '$1, found another (not logged)');
  if (ARGUMENT_VALUE_REFUSED.test(message)) return message.replace(ARGUMENT_VALUE_REFUSED, '$1 (not logged)');
  if (LEAF_REFUSED.test(message)) return message.replace(LEAF_REFUSED, '$1 (not logged)');
  return message;
};

/**
 * What a client reads when the database could not be reached or dropped the session mid-request. A
 * mutation may have been applied or not: sent again with the same clientMutationId it applies once.
 */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is unavailable; try again shortly. A mutation may or may not have been applied: send it again with the same clientMutationId to apply it once';

/**
 * Every error reaches the client with a stable `extensions.code`. Domain and validation errors keep
 * their message; anything unexpected is logged with the correlation id and masked.
 */
export const formatGraphqlError =
  (logger: Logger, options: FormatErrorOptions = {}) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { ...(formatted.path && { path: formatted.path }), ...(formatted.locations && { locations: formatted.locations }) };
    if (isCodedError(original)) {
      const level = logLevelForCode(original.code);
      const message = level === 'error' ? 'defect: a coded error no request should cause' : 'client error';
      logger[level]({ code: original.code, reason: original.message, path: formatted.path }, message);
      return { message: original.message, ...where, extensions: { code: original.code, ...(original.details && { details: original.details }) } };
    }
    // Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; our limit rules' own codes
    // (QUERY_TOO_DEEP…) survive on the error it wraps.
    const wrapped = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError.extensions.code : undefined;
    const code = typeof wrapped === 'string' && REQUEST_ERROR_CODES.has(wrapped) ? wrapped : refusedArgument(original) ? 'BAD_USER_INPUT' : formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      logger.info({ code, reason: loggableReason(formatted.message) }, 'client error');
      return { message: clientMessage(formatted.message, options), ...where, extensions: { code } };
    }
    const status = clientStatusOf(original);
    if (status !== undefined) {
      logger.info({ code: 'BAD_REQUEST', status, reason: formatted.message }, 'client error');
      return { message: formatted.message, ...where, extensions: { code: 'BAD_REQUEST' } };
    }
    const correlationId = currentCorrelationId();
    if (isDatabaseUnavailable(original)) {
      // Not a defect to debug from a stack: the session was lost (a failover, a killed backend) and a retry will do.
      const reason = original instanceof Error ? original.message : String(original);
      logger.warn({ code: 'DATABASE_UNAVAILABLE', reason, correlationId, path: formatted.path }, 'database unavailable during a GraphQL operation');
      return { message: DATABASE_UNAVAILABLE_MESSAGE, ...where, extensions: { code: 'DATABASE_UNAVAILABLE', ...(correlationId && { correlationId }) } };
    }
    logger.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL', ...(correlationId && { correlationId }) } };
  };
