import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  /** `ready`: all up; `degraded`: serving without Redis (nudges wait); `unavailable`: no event store. */
  readonly status: 'ready' | 'degraded' | 'unavailable';
  readonly checks: {
    readonly eventStore: { readonly status: CheckStatus; readonly engine: string; readonly error?: string };
    readonly redis: { readonly status: CheckStatus };
  };
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });

@Injectable()
export class ReadinessService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async check(): Promise<Readiness> {
    const [eventStore, redisUp] = await Promise.all([this.checkEventStore(), this.runtime.redis.ping()]);
    // The cause stays in the logs (RedisConnection logs each outage once): this endpoint is public.
    const redis = { status: redisUp ? ('up' as const) : ('down' as const) };
    const status = eventStore.status === 'down' ? 'unavailable' : redis.status === 'down' ? 'degraded' : 'ready';
    return { status, checks: { eventStore, redis } };
  }

  private async checkEventStore(): Promise<Readiness['checks']['eventStore']> {
    const engine = this.runtime.database.engine;
    try {
      await withTimeout(this.runtime.database.query('SELECT 1 FROM es_streams LIMIT 1'), 2_000);
      return { status: 'up', engine };
    } catch (error) {
      this.runtime.logger.error({ err: error }, 'Event store readiness check failed');
      return { status: 'down', engine, error: 'event store query failed' };
    }
  }
}
