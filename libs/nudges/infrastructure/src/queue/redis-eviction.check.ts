/**
 * Queued nudges live in Redis until delivered: a Redis that may evict keys under memory pressure
 * could drop a job, and the delivery would wait for the stale-job sweep instead of running on time.
 * The worker checks the eviction policy when it starts and refuses to start on any but `noeviction`.
 * A Redis that does not allow CONFIG (managed services often rename it) cannot be checked: the
 * worker says so and goes on.
 */
import { CodedError, shownUrl } from '@stepwise/kernel';
import { Redis } from 'ioredis';

export class RedisEvictsJobsError extends CodedError {
  constructor(readonly policy: string) {
    super(
      'REDIS_EVICTS_JOBS',
      `Stepwise's worker refuses to start: Redis's maxmemory-policy is "${policy}", so Redis may evict queued nudge jobs under memory pressure. ` +
        'Set maxmemory-policy to noeviction (redis-server --maxmemory-policy noeviction, or CONFIG SET maxmemory-policy noeviction) and start the worker again.',
      { policy },
    );
  }
}

/**
 * The URL names a database (`redis://host/N`) this Redis does not have: ioredis would log the
 * refused SELECT and go on in database 0, mixing the queue into whatever lives there.
 */
export class RedisDatabaseMissingError extends CodedError {
  constructor(url: string, database: number, reason: string) {
    super(
      'REDIS_DATABASE_MISSING',
      `Stepwise's worker refuses to start: STEPWISE_REDIS_URL (${shownUrl(url)}) names database ${database}, which this Redis does not have (${reason}). ` +
        'Name one it has (0 to its `databases` setting less one, 0-15 by default) and start the worker again.',
      { database },
    );
  }
}

export type EvictionPolicyCheck =
  | { readonly status: 'safe' }
  | { readonly status: 'evicts'; readonly policy: string }
  | { readonly status: 'unknown'; readonly reason: string };

export const checkEvictionPolicy = async (client: Redis): Promise<EvictionPolicyCheck> => {
  let reply: unknown;
  try {
    reply = await client.config('GET', 'maxmemory-policy');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refused or unknown command answers an error reply; anything else (a dropped connection) is the caller's to handle.
    if (/unknown command|NOPERM|not allowed|disabled|ERR/i.test(message) && !/Connection is closed|ECONNREFUSED|Stream isn't writeable/i.test(message)) {
      return { status: 'unknown', reason: message };
    }
    throw error;
  }
  const pairs = Array.isArray(reply) ? (reply as unknown[]) : [];
  const policy = pairs.length >= 2 ? String(pairs[1]) : undefined;
  if (policy === undefined) return { status: 'unknown', reason: 'CONFIG GET maxmemory-policy answered nothing' };
  return policy === 'noeviction' ? { status: 'safe' } : { status: 'evicts', policy };
};

/** How long the start-up check waits for Redis to answer at all (a connection accepted, nothing said back). */
export const REDIS_STARTUP_CHECK_MS = 5_000;

/**
 * The worker's start-up check, on a connection of its own: throws RedisEvictsJobsError when Redis is
 * reachable and may evict; when Redis is down, or accepts the connection and does not answer within
 * `timeoutMs` (a hung server, a firewall that swallows the replies), the worker starts anyway, saying
 * so (nudges wait in PostgreSQL, and the queue checks again once it connects).
 */
export const assertRedisKeepsJobs = async (
  url: string,
  warn: (message: string, details: Record<string, unknown>) => void,
  timeoutMs = REDIS_STARTUP_CHECK_MS,
): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<'silent'>((resolve) => {
    timer = setTimeout(() => resolve('silent'), timeoutMs);
  });
  const checking = new AbortController();
  try {
    const outcome = await Promise.race([checkRedisKeepsJobs(url, warn, checking.signal), silent]);
    if (outcome === 'silent') {
      checking.abort();
      warn(`Redis did not answer within ${timeoutMs} ms as the worker starts; nudges wait in the database until it does`, { url: shownUrl(url) });
    }
  } finally {
    clearTimeout(timer);
  }
};

const checkRedisKeepsJobs = async (url: string, warn: (message: string, details: Record<string, unknown>) => void, abandoned: AbortSignal): Promise<'checked'> => {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: () => null,
    // As the queue's own connections: a socket that fails never emits 'close', so a close that waits for it holds the process.
    disconnectTimeout: 200,
  });
  // Without retries, connect() rejects with "Connection is closed."; the socket's own error says why.
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  // With no retries, a refused or timed-out connection has ended already: disconnecting it again
  // would arm ioredis's disconnect timer for a socket that is gone, and keep the process alive for it.
  const release = (): void => {
    if (client.status !== 'end') client.disconnect();
  };
  // Given up on (it did not answer in time): the connection goes, and whatever it was waiting for fails quietly.
  abandoned.addEventListener('abort', release, { once: true });
  try {
    await client.connect();
  } catch (error) {
    release();
    if (!abandoned.aborted) warn('Redis is unreachable as the worker starts; nudges wait in the database until it is back', { error: (cause ?? (error as Error)).message });
    return 'checked';
  }
  try {
    const database = client.options.db ?? 0;
    if (database !== 0) {
      await client.select(database).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (/DB index|invalid DB/i.test(message)) throw new RedisDatabaseMissingError(url, database, message);
        throw error;
      });
    }
    const check = await checkEvictionPolicy(client);
    if (check.status === 'evicts') throw new RedisEvictsJobsError(check.policy);
    if (check.status === 'unknown') warn("Redis does not allow reading its maxmemory-policy; make sure it is noeviction, or queued nudges may be evicted", { reason: check.reason });
  } catch (error) {
    if (abandoned.aborted) return 'checked';
    throw error;
  } finally {
    release();
  }
  return 'checked';
};
