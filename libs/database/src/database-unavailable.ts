/**
 * Whether an error means the database could not be reached or dropped the session (a failover, a
 * restarted pgbouncer, an idle-session killer, pg_terminate_backend), rather than refusing a
 * statement: what failed may well succeed when tried again, on a new session.
 */

/** SQLSTATEs of a lost or refused session: connection exceptions (class 08), shutdowns and restarts, a full server. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57P05', '53300']);

/** node-postgres's own errors for a session that ended or never began (plain Errors, named by message). */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
];

/** Socket errors while reaching the server. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const fields = (error: unknown): { code?: unknown; severity?: unknown; message?: unknown; cause?: unknown } =>
  typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};

const isUnavailable = (error: unknown): boolean => {
  const { code, severity, message } = fields(error);
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  // A FATAL error ends the session: the server refused it (not accepting connections, too many) or ended it.
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => message.startsWith(known));
};

/** True for a lost or refused database session, the error itself or what it wraps (`cause`, a few levels down). */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  let current = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    if (isUnavailable(current)) return true;
    current = fields(current).cause;
  }
  return false;
};
