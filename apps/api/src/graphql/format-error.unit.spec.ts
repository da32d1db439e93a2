import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { CodedError, NotFoundError, ValidationError } from '@stepwise/kernel';
import { createLogger } from '@stepwise/platform';
import { AuthenticationUnavailableError, UnauthenticatedError } from '../auth/auth.errors';
import { formatGraphqlError } from './format-error';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { lines, format: formatGraphqlError(createLogger('api', 'info', destination)) };
};

/** What Apollo hands formatError for an error a resolver threw. */
const thrownByResolver = (error: Error) => {
  const wrapped = new GraphQLError(error.message, { path: ['field'], originalError: error });
  return [wrapped.toJSON(), wrapped] as const;
};

describe('formatGraphqlError logging', () => {
  it.each([
    ['a validation failure', 'info', new ValidationError('name must not be blank'), 'VALIDATION_FAILED'],
    ['an unknown id', 'info', new NotFoundError('JOURNEY_NOT_FOUND', 'No such journey'), 'JOURNEY_NOT_FOUND'],
    ['a rule of the domain', 'info', new CodedError('SEAT_LIMIT_REACHED', 'The team is full'), 'SEAT_LIMIT_REACHED'],
    ['a failed authentication', 'warn', new UnauthenticatedError('the token is not valid'), 'UNAUTHENTICATED'],
    ['an identity provider whose keys cannot be fetched', 'warn', new AuthenticationUnavailableError(), 'AUTHENTICATION_UNAVAILABLE'],
    ['a coded defect', 'error', new CodedError('TENANT_CONTEXT_MISSING', 'no tenant'), 'TENANT_CONTEXT_MISSING'],
    ['a stored event no code can read', 'error', new CodedError('EVENT_NOT_DECODABLE', 'Event e-1 (StepPlanned v3) could not be upcast'), 'EVENT_NOT_DECODABLE'],
  ])('logs %s once, at %s, and passes its code to the client', (_what, level, error, code) => {
    const { lines, format } = capture();
    const formatted = format(...thrownByResolver(error));
    expect(formatted.extensions?.code).toBe(code);
    expect(lines).toEqual([expect.objectContaining({ level, code, reason: error.message, path: ['field'] })]);
  });

  it('logs a malformed request at info', () => {
    const { lines, format } = capture();
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(error.toJSON(), error).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', code: 'GRAPHQL_VALIDATION_FAILED', msg: 'client error' })]);
  });

  it('logs an unexpected error at error and masks it', () => {
    const { lines, format } = capture();
    const formatted = format(...thrownByResolver(new Error('connection reset')));
    expect(formatted).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'unexpected error in a GraphQL operation' })]);
  });
});
