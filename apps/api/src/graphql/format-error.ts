import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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
 * Every error reaches the client with a stable `extensions.code`. Domain and validation errors keep
 * their message; anything unexpected is logged with the correlation id and masked.
 */
export const formatGraphqlError =
  (logger: Logger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { ...(formatted.path && { path: formatted.path }), ...(formatted.locations && { locations: formatted.locations }) };
    if (isCodedError(original)) {
      return { message: original.message, ...where, extensions: { code: original.code, ...(original.details && { details: original.details }) } };
    }
    // Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; our limit rules' own codes
    // (QUERY_TOO_DEEP…) survive on the error it wraps.
    const wrapped = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError.extensions.code : undefined;
    const code = typeof wrapped === 'string' && REQUEST_ERROR_CODES.has(wrapped) ? wrapped : formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { message: formatted.message, ...where, extensions: { code } };
    }
    const correlationId = currentCorrelationId();
    logger.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL', ...(correlationId && { correlationId }) } };
  };
