/**
 * The nudge path's own Redis connections, apart from the readiness client. A BullMQ worker blocks on
 * Redis and must wait out an outage (`maxRetriesPerRequest: null`); the relay's producer fails fast
 * instead (no offline queue), so an add during an outage rejects at once, nothing is marked queued,
 * and the relay tries again when Redis is back.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

const retryStrategy = (attempt: number): number => Math.min(250 * attempt, 5_000);

export const openWorkerRedis = (url: string, name: string): Redis =>
  new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, retryStrategy, disconnectTimeout: 200 });

export const openProducerRedis = (url: string, name: string): Redis =>
  new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    connectionName: name,
    retryStrategy,
    disconnectTimeout: 200,
  });

/** How long a first connection may go unanswered before it is reported (a Redis that accepts and never answers). */
export const REDIS_SILENCE_MS = 10_000;

/**
 * Logs one line when a connection goes down and one when it is back, never one per reconnect
 * attempt; `onReady` runs on every (re)connection, the first included. A first connection with
 * neither an answer nor an error after `silenceMs` is reported down too.
 */
export const watchRedis = (client: Redis, logger: Logger, onReady?: () => void, silenceMs = REDIS_SILENCE_MS): { stop(): void } => {
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  const silence = setTimeout(() => {
    if (state !== 'connecting') return;
    logger.warn({ redis: 'down', error: `no answer within ${silenceMs} ms` }, 'nudge queue: Redis is unreachable; nudges wait in the database until it is back');
    state = 'down';
  }, silenceMs).unref();
  client.on('ready', () => {
    if (state === 'down') logger.info({ redis: 'up' }, 'nudge queue: Redis is reachable again; queued deliveries resume');
    state = 'up';
    onReady?.();
  });
  client.on('error', (error: Error) => {
    if (state !== 'down') logger.warn({ redis: 'down', error: error.message }, 'nudge queue: Redis is unreachable; nudges wait in the database until it is back');
    state = 'down';
  });
  client.on('close', () => {
    if (state === 'up') logger.warn({ redis: 'down' }, 'nudge queue: the Redis connection closed; reconnecting');
    if (state === 'up') state = 'down';
  });
  // Closing on purpose is not an outage: no more lines once the owner stops it.
  return {
    stop: () => {
      clearTimeout(silence);
      client.removeAllListeners('ready').removeAllListeners('close').removeAllListeners('error').on('error', () => undefined);
    },
  };
};
