import { DatabaseError } from 'pg';
import { isDatabaseUnavailable } from './database-unavailable';

const serverError = (code: string, severity: string, message = 'from the server'): DatabaseError => {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = severity;
  return error;
};

const socketError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a session ended by pg_terminate_backend', serverError('57P01', 'FATAL', 'terminating connection due to administrator command')],
    ['a server shutting down', serverError('57P02', 'FATAL')],
    ['a server starting up', serverError('57P03', 'FATAL', 'the database system is starting up')],
    ['a database not accepting connections', serverError('55000', 'FATAL', 'database "x" is not currently accepting connections')],
    ['a full server', serverError('53300', 'FATAL', 'sorry, too many clients already')],
    ['a connection exception', serverError('08006', 'ERROR')],
    ['a session that ended under a query', new Error('Connection terminated unexpectedly')],
    ['a connect that timed out', new Error('Connection terminated due to connection timeout')],
    ['a client broken by an earlier error', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['one wrapped in another error', new Error('could not append', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s is unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', serverError('23505', 'ERROR')],
    ['a syntax error', serverError('42601', 'ERROR')],
    ['a serialization failure', serverError('40001', 'ERROR')],
    ['a statement cancelled by its timeout', serverError('57014', 'ERROR')],
    ['an error of our own', new Error('Internal thing went wrong')],
    ['no error at all', undefined],
    ['a string', 'Connection terminated'],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
