import { Inject, Injectable } from '@nestjs/common';
import { DatabaseOutage } from '@stepwise/database';
import { loggedDatabaseOutage, RUNTIME, type Runtime } from '@stepwise/platform';
import { readProjectionStalls } from '@stepwise/projections';
import { TokenVerifier } from '../auth/token-verifier';

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  /**
   * `ready`: all up; `degraded`: serving without Redis (nudges wait), with read models stopped at
   * an event a projection cannot apply (reads are stale), or without the identity provider's keys
   * (every authenticated request is AUTHENTICATION_UNAVAILABLE); `unavailable`: no event store.
   */
  readonly status: 'ready' | 'degraded' | 'unavailable';
  readonly checks: {
    readonly eventStore: { readonly status: CheckStatus; readonly engine: string; readonly error?: string };
    readonly redis: { readonly status: CheckStatus };
    /** The keys bearer tokens are checked against: the local signing key, or the identity provider's JWKS. */
    readonly auth: { readonly status: CheckStatus; readonly keys: 'local' | 'jwks' };
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

const upOrDown = (up: boolean): CheckStatus => (up ? 'up' : 'down');

@Injectable()
export class ReadinessService {
  private readonly outage: DatabaseOutage;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly tokens: TokenVerifier,
  ) {
    this.outage = new DatabaseOutage(
      loggedDatabaseOutage(runtime.logger, { component: 'readiness' }, 'readiness answers unavailable until it is back', 'readiness answers as before'),
    );
  }

  async check(): Promise<Readiness> {
    const [eventStore, redisUp, projections, keysUp] = await Promise.all([
      this.checkEventStore(),
      this.runtime.redis.ping(),
      this.checkProjections(),
      this.tokens.keysAvailable(),
    ]);
    // The causes stay in the logs (RedisConnection logs each outage once, the key set each failed fetch): this endpoint is public.
    const redis = { status: upOrDown(redisUp) };
    const auth = { status: upOrDown(keysUp), keys: this.tokens.keySource };
    const degraded = redis.status === 'down' || projections.status === 'stalled' || auth.status === 'down';
    const status = eventStore.status === 'down' ? 'unavailable' : degraded ? 'degraded' : 'ready';
    return { status, checks: { eventStore, redis, auth, projections } };
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
