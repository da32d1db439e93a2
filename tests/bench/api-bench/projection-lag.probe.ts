/**
 * Projection lag, measured inside PostgreSQL on the benchmark's own throw-away database.
 *
 * Method: two bench-only triggers stamp clock_timestamp() (the database server's wall clock, which
 * advances within a transaction) into unlogged side tables:
 *   - on es_events, AFTER INSERT of each event: the end of the append statement, which on PostgreSQL
 *     is its own transaction, so this is "event committed" minus the commit itself;
 *   - on es_checkpoints, when the read-models processor moves: the projection runner saves its
 *     checkpoint as the last statement of the batch transaction that wrote the read tables, so this
 *     is "read model committed" minus the commit itself.
 * The lag of an event is the stamp of the first checkpoint move at or past its (tx_id,
 * global_position) minus its own stamp. Both stamps leave out their COMMIT (a WAL flush each), so
 * that cost roughly cancels; one clock, so no skew. What it includes: the wake-up (NOTIFY or poll),
 * the runner's horizon read, the batch transaction, and any batch the event waited behind.
 * Cost: one extra row insert per event into an unlogged table (and one per batch).
 *
 * A second figure uses es_events.created_at instead of the first stamp: that is the api's clock
 * taken just before the append was sent, so it also counts waiting for a pool connection and the
 * append statement itself; it is an upper bound, printed for comparison.
 */
import type { SqlDatabase } from '@stepwise/database';
import { READ_MODELS_PROCESSOR } from '@stepwise/projections';

export interface ProjectionLag {
  readonly events: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The same percentiles measured from es_events.created_at (api clock, before the append). */
  readonly fromRecordedAt: { readonly p50Ms: number; readonly p99Ms: number };
}

const INSTALL = `
CREATE UNLOGGED TABLE bench_event_stamps (tx_id xid8 NOT NULL, global_position bigint NOT NULL, at timestamptz NOT NULL);
CREATE UNLOGGED TABLE bench_checkpoint_stamps (tx_id xid8 NOT NULL, global_position bigint NOT NULL, at timestamptz NOT NULL);
CREATE INDEX bench_checkpoint_stamps_position ON bench_checkpoint_stamps (tx_id, global_position);
-- SECURITY DEFINER: the projection runner writes its checkpoint as the application role.
CREATE FUNCTION bench_stamp_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO bench_event_stamps VALUES (NEW.tx_id, NEW.global_position, clock_timestamp());
  RETURN NULL;
END $$;
CREATE FUNCTION bench_stamp_checkpoint() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO bench_checkpoint_stamps VALUES (NEW.tx_id, NEW.global_position, clock_timestamp());
  RETURN NULL;
END $$;
CREATE TRIGGER bench_stamp_event AFTER INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION bench_stamp_event();
CREATE TRIGGER bench_stamp_checkpoint AFTER INSERT OR UPDATE ON es_checkpoints
  FOR EACH ROW WHEN (NEW.processor = '${READ_MODELS_PROCESSOR}') EXECUTE FUNCTION bench_stamp_checkpoint();
`;

const LAG = `
WITH lags AS (
  SELECT extract(epoch FROM c.at - e.at) * 1000 AS lag_ms, extract(epoch FROM c.at - ev.created_at) * 1000 AS from_recorded_ms
  FROM bench_event_stamps e
  JOIN es_events ev ON ev.global_position = e.global_position
  CROSS JOIN LATERAL (
    SELECT at FROM bench_checkpoint_stamps c
    WHERE (c.tx_id, c.global_position) >= (e.tx_id, e.global_position)
    ORDER BY c.tx_id, c.global_position LIMIT 1
  ) AS c
)
SELECT count(*)::int AS events,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) AS p99,
  max(lag_ms) AS max,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY from_recorded_ms) AS r50,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY from_recorded_ms) AS r99
FROM lags`;

// The last stamped event not yet covered by a checkpoint move: measuring waits until there is none.
const UNCOVERED = `
SELECT count(*)::int AS n FROM bench_event_stamps e
WHERE NOT EXISTS (SELECT 1 FROM bench_checkpoint_stamps c WHERE (c.tx_id, c.global_position) >= (e.tx_id, e.global_position))`;

export class ProjectionLagProbe {
  constructor(private readonly database: SqlDatabase) {}

  install(): Promise<void> {
    return this.database.exec(INSTALL);
  }

  /** Forgets what was stamped so far: the next measurement covers only what follows. */
  reset(): Promise<void> {
    return this.database.exec('TRUNCATE bench_event_stamps, bench_checkpoint_stamps');
  }

  async measure(timeoutMs = 15_000): Promise<ProjectionLag> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.database.query<{ n: number }>(UNCOVERED);
      if (rows[0].n === 0) break;
      if (Date.now() > deadline) throw new Error(`${rows[0].n} events were still not projected ${timeoutMs} ms after the load stopped`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { rows } = await this.database.query<Record<'events' | 'p50' | 'p99' | 'max' | 'r50' | 'r99', number | string | null>>(LAG);
    const n = (value: number | string | null): number => Number(value ?? Number.NaN);
    const row = rows[0];
    return {
      events: n(row.events),
      p50Ms: n(row.p50),
      p99Ms: n(row.p99),
      maxMs: n(row.max),
      fromRecordedAt: { p50Ms: n(row.r50), p99Ms: n(row.r99) },
    };
  }
}
