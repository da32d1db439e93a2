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

  it('answers a lost database session DATABASE_UNAVAILABLE, logged at warn without a stack', () => {
    const { lines, format } = capture();
    const formatted = format(...thrownByResolver(new Error('Connection terminated unexpectedly')));
    expect(formatted.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(formatted.message).toMatch(/try again/);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', reason: 'Connection terminated unexpectedly', path: ['field'] })]);
    expect(lines[0]).not.toHaveProperty('err');
  });

  it('logs a malformed request at info', () => {
    const { lines, format } = capture();
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(error.toJSON(), error).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', code: 'GRAPHQL_VALIDATION_FAILED', msg: 'client error' })]);
  });

  describe('a refused input is logged without the values it held (a reflection’s note and comfort are personal)', () => {
    const refused: [string, string, string][] = [
      ['an unknown input field', 'BAD_USER_INPUT', 'Variable "$input" got invalid value { journeyId: "j-1", closer: "NO", comfort: 2, note: "I feel exposed in meetings", bogus: 1 }; Field "bogus" is not defined by type "RecordReflectionInput".'],
      ['a missing input field', 'BAD_USER_INPUT', 'Variable "$input" got invalid value { journeyId: "j-1", note: "I feel exposed in meetings" }; Field "comfort" of required type "Int!" was not provided.'],
      ['a value of the wrong type', 'BAD_USER_INPUT', 'Variable "$input" got invalid value "2" at "input.comfort"; Int cannot represent non-integer value: "2"'],
      ['a literal of the wrong type', 'GRAPHQL_VALIDATION_FAILED', 'Int cannot represent non-integer value: "2"'],
      ['a literal of the wrong type, as the document gave it', 'GRAPHQL_VALIDATION_FAILED', 'Expected value of type "Int!", found "2".'],
    ];

    it.each(refused)('%s', (_what, code, message) => {
      const { lines, format } = capture();
      const error = new GraphQLError(message, { extensions: { code } });
      // The client gets the message as it was: the values are its own.
      expect(format(error.toJSON(), error)).toMatchObject({ message, extensions: { code } });
      expect(lines).toEqual([expect.objectContaining({ level: 'info', code, msg: 'client error' })]);
      expect(JSON.stringify(lines)).not.toMatch(/exposed|"2"|\\"2\\"|comfort: 2/);
    });

    it('still names the variable the mistake was in', () => {
      const { lines, format } = capture();
      const error = new GraphQLError(refused[2][2], { extensions: { code: 'BAD_USER_INPUT' } });
      format(error.toJSON(), error);
      expect(lines[0].reason).toBe('Variable "$input" got an invalid value (not logged)');
    });
  });

  /** What graphql-js hands on when it refuses an argument while running the operation, located at its field. */
  const refusedWhileRunning = (message: string) => {
    const raw = new GraphQLError(message);
    const located = new GraphQLError(message, { path: ['teamJourneys'], originalError: raw });
    return [located.toJSON(), located] as const;
  };

  it.each([
    ['null for a non-null argument with a default', 'Argument "first" of non-null type "Int!" must not be null.'],
    ['an input object holding a null where its field is non-null', 'Argument "input" has invalid value { journeyId: "j-1", reason: "I feel exposed", reflectionIds: $r }.'],
    ['a variable never sent for a required argument', 'Argument "id" of required type "ID!" was provided the variable "$id" which was not provided a runtime value.'],
  ])('answers %s BAD_USER_INPUT at info, without the values it held', (_what, message) => {
    const { lines, format } = capture();
    expect(format(...refusedWhileRunning(message))).toMatchObject({ message, path: ['teamJourneys'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'info', code: 'BAD_USER_INPUT', msg: 'client error' })]);
    expect(JSON.stringify(lines)).not.toMatch(/exposed/);
  });

  it('still masks a field graphql-js could not complete (a resolver that broke the schema is a defect)', () => {
    const { lines, format } = capture();
    expect(format(...refusedWhileRunning('Cannot return null for non-nullable field Query.me.'))).toMatchObject({ extensions: { code: 'INTERNAL' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  it('logs an unexpected error at error and masks it', () => {
    const { lines, format } = capture();
    const formatted = format(...thrownByResolver(new Error('connection reset')));
    expect(formatted).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'unexpected error in a GraphQL operation' })]);
  });
});
