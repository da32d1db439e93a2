/**
 * A process's metrics in Prometheus form: one registry per process, made by its composition root
 * (the api, the worker, or both in the embedded default) and handed to what records into it. Hot
 * paths record through pre-labelled children (one histogram observe each); what is costly to know
 * (projection lag, the horizon's holder, pool usage) is read only when scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStoreObserver, HorizonHolder } from '@stepwise/event-store';

export interface ProjectionLag {
  readonly processor: string;
  /** Events in the log past the processor's checkpoint (capped by whoever counts them). */
  readonly events: number;
  /** How long the oldest of those has waited (0 when none does). */
  readonly seconds: number;
}

export interface PoolUsage {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export type GraphqlOutcome = 'ok' | 'internal' | string;

/**
 * How a GraphQL operation was executed: by its compiled form, by graphql-js, or by its compiled form
 * whose answer held an error and was then run by graphql-js for Apollo to format.
 */
export type GraphqlExecutor = 'compiled' | 'interpreted' | 'compiled_then_interpreted';

const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export class ProcessMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly executions: Record<GraphqlExecutor, Counter.Internal>;
  private readonly collectErrors: Counter<'source'>;
  private readonly lagEvents: Gauge<'processor'>;
  private readonly lagSeconds: Gauge<'processor'>;
  private readonly horizonAge: Gauge;
  private readonly poolConnections: Gauge<'pool' | 'state'>;
  private readonly lagSources: (() => Promise<readonly ProjectionLag[]>)[] = [];
  private readonly pools = new Map<string, () => PoolUsage>();
  private horizonSource: (() => Promise<HorizonHolder | undefined>) | undefined;
  /** The lag read of the scrape in progress: both lag gauges wait for the same one. */
  private lagRead: Promise<void> | undefined;
  /** Records the store's appends and reads; give it to the store's `observe`. */
  readonly eventStore: EventStoreObserver;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'stepwise_graphql_request_duration_seconds',
      help: 'GraphQL requests, from receipt to response, by operation name, operation type and outcome (ok, a client error code, or internal)',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: REQUEST_BUCKETS,
      registers: [this.registry],
    });
    const executions = new Counter({
      name: 'stepwise_graphql_executions_total',
      help: 'GraphQL operations executed, by executor: compiled, interpreted (graphql-js), or compiled_then_interpreted (the compiled answer held an error)',
      labelNames: ['executor'],
      registers: [this.registry],
    });
    this.executions = {
      compiled: executions.labels('compiled'),
      interpreted: executions.labels('interpreted'),
      compiled_then_interpreted: executions.labels('compiled_then_interpreted'),
    };
    const appends = new Histogram({
      name: 'stepwise_event_store_append_duration_seconds',
      help: 'Event-store appends in their own transaction, by outcome (ok or error)',
      labelNames: ['outcome'],
      buckets: STORE_BUCKETS,
      registers: [this.registry],
    });
    const reads = new Histogram({
      name: 'stepwise_event_store_read_duration_seconds',
      help: 'Event-store reads: a stream (command handling) or a page of the global log (subscriptions)',
      labelNames: ['kind'],
      buckets: STORE_BUCKETS,
      registers: [this.registry],
    });
    const [appendOk, appendError, readStream, readAll] = [appends.labels('ok'), appends.labels('error'), reads.labels('stream'), reads.labels('all')];
    this.eventStore = {
      appended: (seconds, ok) => (ok ? appendOk : appendError).observe(seconds),
      read: (kind, seconds) => (kind === 'stream' ? readStream : readAll).observe(seconds),
    };
    this.collectErrors = new Counter({
      name: 'stepwise_metrics_collect_errors_total',
      help: 'Scrapes that could not read a source (the series of that source keep their last values)',
      labelNames: ['source'],
      registers: [this.registry],
    });
    this.lagEvents = new Gauge({
      name: 'stepwise_projection_lag_events',
      help: "Events in the global log past a processor's checkpoint",
      labelNames: ['processor'],
      registers: [this.registry],
    });
    this.lagSeconds = new Gauge({
      name: 'stepwise_projection_lag_seconds',
      help: 'How long the oldest event a processor has not applied has waited (0 when caught up)',
      labelNames: ['processor'],
      registers: [this.registry],
    });
    this.horizonAge = new Gauge({
      name: 'stepwise_log_horizon_holder_age_seconds',
      help: "Age of the oldest transaction of this database holding the global log's horizon (0 when none; NaN when one holds it whose age this role may not read)",
      registers: [this.registry],
    });
    this.poolConnections = new Gauge({
      name: 'stepwise_db_pool_connections',
      help: 'PostgreSQL pool connections by pool and state (total, idle, waiting: checkouts queued for one)',
      labelNames: ['pool', 'state'],
      registers: [this.registry],
    });
  }

  /** One finished GraphQL request. */
  graphqlRequest(operation: string, type: string, outcome: GraphqlOutcome, seconds: number): void {
    this.requests.labels(operation, type, outcome).observe(seconds);
  }

  /** One executed GraphQL operation. */
  graphqlExecution(executor: GraphqlExecutor): void {
    this.executions[executor].inc();
  }

  /** Where the projection lag is read from at scrape time (several sources add up their processors). */
  trackProjectionLag(read: () => Promise<readonly ProjectionLag[]>): void {
    this.lagSources.push(read);
  }

  /** Where the horizon's oldest holder is read from at scrape time. */
  trackHorizon(read: () => Promise<HorizonHolder | undefined>): void {
    this.horizonSource = read;
  }

  /** A pool to report by name (e.g. `main`, `projections`). */
  trackPool(name: string, usage: () => PoolUsage): () => void {
    this.pools.set(name, usage);
    return () => this.pools.delete(name);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * The exposition text of every series. The pools are read first, before this scrape's own queries
   * (the lag and the horizon) take or wait for a connection, so `waiting` counts only the requests'
   * checkouts; and the series are written once those reads ended, so a source this scrape could not
   * read is in this scrape's `stepwise_metrics_collect_errors_total`, not the next one's.
   */
  async text(): Promise<string> {
    this.collectPools();
    await Promise.all([this.collectLag(), this.collectHorizon()]);
    return this.registry.metrics();
  }

  private async collectHorizon(): Promise<void> {
    if (!this.horizonSource) return;
    try {
      const holder = await this.horizonSource();
      // A holder whose start this role may not read is not a young one: NaN, never a reassuring 0.
      this.horizonAge.set(holder ? (holder.ageSeconds ?? Number.NaN) : 0);
    } catch {
      this.collectErrors.labels('horizon').inc();
    }
  }

  private collectPools(): void {
    for (const [pool, usage] of this.pools) {
      const { total, idle, waiting } = usage();
      this.poolConnections.labels(pool, 'total').set(total);
      this.poolConnections.labels(pool, 'idle').set(idle);
      this.poolConnections.labels(pool, 'waiting').set(waiting);
    }
  }

  private collectLag(): Promise<void> {
    this.lagRead ??= this.readLag().finally(() => (this.lagRead = undefined));
    return this.lagRead;
  }

  private async readLag(): Promise<void> {
    if (this.lagSources.length === 0) return;
    let lags: ProjectionLag[];
    try {
      lags = (await Promise.all(this.lagSources.map((read) => read()))).flat();
    } catch {
      this.collectErrors.labels('projection_lag').inc();
      return;
    }
    this.lagEvents.reset();
    this.lagSeconds.reset();
    for (const lag of lags) {
      this.lagEvents.labels(lag.processor).set(lag.events);
      this.lagSeconds.labels(lag.processor).set(lag.seconds);
    }
  }
}

/** The process's ProcessMetrics in a Nest container. */
export const PROCESS_METRICS = Symbol('stepwise.metrics');
