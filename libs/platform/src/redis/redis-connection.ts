import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type RedisState = 'connecting' | 'up' | 'down';

/** How long a first connection may go unanswered before it is reported down. */
const SILENCE_MS = 10_000;

/**
 * One monitored Redis connection. When Redis is unreachable the process keeps serving: this
 * records the state for readiness and logs one line when Redis goes away and one when it is back,
 * never a line per reconnect attempt.
 */
export class RedisConnection {
  readonly client: Redis;
  private current: RedisState = 'connecting';
  private readonly silence: NodeJS.Timeout;
  private lastError: string | undefined;

  constructor(
    url: string,
    private readonly logger: Logger,
    silenceMs = SILENCE_MS,
  ) {
    this.client = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // A connect timeout is a timer: a boot keeping the event loop busy for seconds (building the api
      // and the worker on a loaded machine) fires it before the loop reads the socket that connected,
      // and a Redis that answered would be reported down. Refused connections still fail at once.
      connectTimeout: 10_000,
      // On close, a socket that already failed never emits 'close'; do not hold the process 2 s for it.
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(250 * attempt, 5_000),
    });
    // Accepted and never answered (a hung server, replies swallowed on the way): reported like a refusal.
    this.silence = setTimeout(() => {
      if (this.current !== 'connecting') return;
      this.lastError = `no answer within ${silenceMs} ms`;
      this.transition('down');
    }, silenceMs).unref();
    this.client.on('ready', () => this.transition('up'));
    this.client.on('error', (error: Error) => {
      this.lastError = error.message;
      this.transition('down');
    });
    this.client.on('end', () => this.transition('down'));
  }

  get state(): RedisState {
    return this.current;
  }

  get error(): string | undefined {
    return this.current === 'up' ? undefined : this.lastError;
  }

  /** A live check for readiness, bounded in time. */
  async ping(timeoutMs = 500): Promise<boolean> {
    if (this.current !== 'up') return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.client.ping().then((reply) => reply === 'PONG'), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.silence);
    this.client.removeAllListeners('end');
    this.client.disconnect();
  }

  private transition(next: RedisState): void {
    if (next === this.current) return;
    const previous = this.current;
    this.current = next;
    if (next === 'down') {
      this.logger.warn({ redis: 'down', error: this.lastError }, 'Redis is unreachable; serving without it and retrying in the background');
    } else if (next === 'up' && previous === 'down') {
      this.logger.info({ redis: 'up' }, 'Redis is reachable again');
    } else if (next === 'up') {
      this.logger.info({ redis: 'up' }, 'Connected to Redis');
    }
  }
}
