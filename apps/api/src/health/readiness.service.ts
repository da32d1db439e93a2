import { Inject, Injectable } from '@nestjs/common';
import { DatabaseOutage } from '@stepwise/database';
import { loggedDatabaseOutage, RUNTIME, type Runtime } from '@stepwise/platform';
import { projectionLag, readProjectionStalls } from '@stepwise/projections';
import { TokenVerifier } from '../auth/token-verifier';
import { DEPLOYED_PROCESSORS } from '../metrics/deployed-processors';

/**
 * A processor whose oldest waiting event has waited longer than this is behind: its worker is down,
 * frozen or swamped, so what it writes is stale (mutations answer `projected: false` meanwhile).
 */
export const PROJECTIONS_BEHIND_AFTER_SECONDS = 30;

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  /**
   * `ready`: all up; `degraded`: serving without Redis (nudges wait), with read models stopped at
   * an event a projection cannot apply or far behind the log (reads are stale), or without the identity provider's keys
   * (every authenticated request is AUTHENTICATION_UNAVAILABLE); `unavailable`: no event store.
   */
  readonly status: 'ready' | 'degraded' | 'unavailable';
  readonly checks: {
    readonly eventStore: { readonly status: CheckStatus; readonly engine: string; readonly error?: string };
    readonly redis: { readonly status: CheckStatus };
    /** The keys bearer tokens are checked against: the local signing key, or the identity provider's JWKS. */
    readonly auth: { readonly status: CheckStatus; readonly keys: 'local' | 'jwks' };
    readonly projections: {
      readonly status: 'up' | 'stalled' | 'behind' | 'unknown';
      /** Where each stopped processor stands: the worker's log has the error. */
      readonly stalled?: ReadonlyArray<{ processor: string; projection: string; eventId: string; since: string }>;
      /** Each processor whose oldest waiting event has waited over PROJECTIONS_BEHIND_AFTER_SECONDS, and how long. */
      readonly behind?: ReadonlyArray<{ processor: string; seconds: number }>;
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
    const degraded = redis.status === 'down' || projections.status === 'stalled' || projections.status === 'behind' || auth.status === 'down';
    const status = eventStore.status === 'down' ? 'unavailable' : degraded ? 'degraded' : 'ready';
    return { status, checks: { eventStore, redis, auth, projections } };
  }

  private async checkProjections(): Promise<Readiness['checks']['projections']> {
    try {
      const [stalls, lags] = await withTimeout(Promise.all([readProjectionStalls(this.runtime.database), projectionLag(this.runtime.database, DEPLOYED_PROCESSORS)]), 2_000);
      const behind = lags.filter((lag) => DEPLOYED_PROCESSORS.includes(lag.processor) && lag.seconds > PROJECTIONS_BEHIND_AFTER_SECONDS).map(({ processor, seconds }) => ({ processor, seconds: Math.floor(seconds) }));
      if (stalls.length > 0) {
        return {
          status: 'stalled',
          stalled: stalls.map(({ processor, projection, eventId, since }) => ({ processor, projection, eventId, since: since.toISOString() })),
          ...(behind.length > 0 && { behind }),
        };
      }
      return behind.length > 0 ? { status: 'behind', behind } : { status: 'up' };
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
