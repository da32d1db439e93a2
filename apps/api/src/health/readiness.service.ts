import { Inject, Injectable } from '@nestjs/common';
import { DatabaseOutage } from '@stepwise/database';
import { loggedDatabaseOutage, RUNTIME, type Runtime } from '@stepwise/platform';
import { readProjectionStalls } from '@stepwise/projections';

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  /**
   * `ready`: all up; `degraded`: serving without Redis (nudges wait) or with read models stopped at
   * an event a projection cannot apply (reads are stale); `unavailable`: no event store.
   */
  readonly status: 'ready' | 'degraded' | 'unavailable';
  readonly checks: {
    readonly eventStore: { readonly status: CheckStatus; readonly engine: string; readonly error?: string };
    readonly redis: { readonly status: CheckStatus };
    readonly projections: {
      readonly status: 'up' | 'stalled' | 'unknown';
      /** Where each stopped processor stands: the worker's log has the error. */
      readonly stalled?: ReadonlyArray<{ processor: string; projection: string; eventId: string; since: string }>;
    };
  };
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    // A database that does not answer is out of reach, as one that refuses is (ETIMEDOUT).
    const timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });

@Injectable()
export class ReadinessService {
  private readonly outage: DatabaseOutage;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.outage = new DatabaseOutage(
      loggedDatabaseOutage(runtime.logger, { component: 'readiness' }, 'readiness answers unavailable until it is back', 'readiness answers as before'),
    );
  }

  async check(): Promise<Readiness> {
    const [eventStore, redisUp, projections] = await Promise.all([this.checkEventStore(), this.runtime.redis.ping(), this.checkProjections()]);
    // The cause stays in the logs (RedisConnection logs each outage once): this endpoint is public.
    const redis = { status: redisUp ? ('up' as const) : ('down' as const) };
    const status = eventStore.status === 'down' ? 'unavailable' : redis.status === 'down' || projections.status === 'stalled' ? 'degraded' : 'ready';
    return { status, checks: { eventStore, redis, projections } };
  }

  private async checkProjections(): Promise<Readiness['checks']['projections']> {
    try {
      const stalls = await withTimeout(readProjectionStalls(this.runtime.database), 2_000);
      if (stalls.length === 0) return { status: 'up' };
      return {
        status: 'stalled',
        stalled: stalls.map(({ processor, projection, eventId, since }) => ({ processor, projection, eventId, since: since.toISOString() })),
      };
    } catch {
      // The event store check reports an unreachable database; this one has nothing to add.
      return { status: 'unknown' };
    }
  }

  private async checkEventStore(): Promise<Readiness['checks']['eventStore']> {
    const engine = this.runtime.database.engine;
    try {
      await withTimeout(this.runtime.database.query('SELECT 1 FROM es_streams LIMIT 1'), 2_000);
      this.outage.succeeded();
      return { status: 'up', engine };
    } catch (error) {
      // An outage is told once (a load balancer asks every few seconds), without a stack; anything else is an error.
      if (!this.outage.failed(error)) this.runtime.logger.error({ err: error }, 'Event store readiness check failed');
      return { status: 'down', engine, error: 'event store query failed' };
    }
  }
}
