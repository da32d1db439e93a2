/**
 * A batch's tenants applied to row projections in two round trips instead of two per tenant: every
 * tenant's events are planned (the first pass), then one pipeline loads each tenant's rows (its
 * tenant set before its load), the events are applied to them, and one pipeline writes each tenant's
 * changes (its tenant set before its write), the checkpoint riding along with the last. A batch of
 * many tenants goes in a few chunks of them, two round trips each, sent so that PostgreSQL's work on
 * one chunk overlaps node's on the next. Row-level security applies to every statement as before:
 * each runs as the application role with its own tenant set. Loading a tenant's rows before an
 * earlier tenant's writes changes nothing: tenants never share a row. On PGlite the statements run
 * one after the other, in the same order, in one chunk.
 */
import { queryAll, setTenantStatement, type PipelinedStatement, type SqlExecutor, type SqlResult } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { Projection } from '../projection';
import { planRowBatch, type RowBatch } from './row-projection';
import type { StatementTail, WriteOptions } from './row-statements';
import { plannedStatement } from './statement-plans';

/** An executor reading as the tenant (its setting sent ahead of each statement): for rows loaded when reached. */
const asTenant = (tx: SqlExecutor, tenantId: string): SqlExecutor => ({
  query: async (text, values = [], options) => {
    const [, answer] = await queryAll(tx, [setTenantStatement(tenantId), { text, values, prepare: options?.prepare }]);
    return answer as never;
  },
  exec: () => Promise.reject(new Error('Only statements with parameters run as a tenant in a batch')),
});

/** A batch's tenants go in chunks of at least this many, at most CHUNKS of them. */
const CHUNK_MIN_TENANTS = 8;
const CHUNKS = 4;

const inChunks = <T>(items: readonly T[]): T[][] => {
  const count = Math.min(CHUNKS, Math.floor(items.length / CHUNK_MIN_TENANTS));
  if (count <= 1) return [[...items]];
  const size = Math.ceil(items.length / count);
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
};

/** Marks a queued round trip as handled, so one left behind by an earlier failure never rejects unhandled; awaiting it still throws. */
const queued = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};

type Planned = { readonly tenantId: string; readonly batch: RowBatch };

/**
 * Applies each tenant's events (each list one tenant's, in log order) to the row projections, in
 * the caller's transaction; `tail` rides along with the last write (sent even when nothing
 * changed) and its answer is returned.
 *
 * Where the executor pipelines (PostgreSQL), a batch of many tenants goes in chunks whose round
 * trips overlap node's work: a chunk's loads go out as soon as it is planned, so PostgreSQL loads it
 * while node plans the next; a chunk's writes go out as soon as it is applied, so PostgreSQL writes
 * it while node applies the next. The connection runs them in the order they were sent (each
 * tenant's load before its write, the tail last), and tenants never share a row, so the outcome is
 * the one of a single chunk.
 */
export const applyTenantsPipelined = async (
  tx: SqlExecutor,
  projections: readonly Projection[],
  tenants: readonly (readonly RecordedEvent[])[],
  tail?: StatementTail,
  options: WriteOptions = {},
): Promise<Record<string, unknown> | undefined> => {
  const present = tenants.filter((events) => events.length > 0);
  // No tenant at all: the tail goes alone.
  if (present.length === 0) {
    if (!tail) return undefined;
    const statement = await (await planRowBatch(tx, projections, [], options)).write(undefined, tail);
    return statement ? (await queryAll(tx, [plannedStatement(statement)]))[0].rows[0] : undefined;
  }
  const chunks = tx.pipeline ? inChunks(present) : [present];
  const loading: { readonly plans: readonly Planned[]; readonly answers: Promise<SqlResult<Record<string, unknown>>[]> }[] = [];
  for (const chunk of chunks) {
    const plans: Planned[] = [];
    for (const events of chunk) {
      const tenantId = events[0].tenantId;
      plans.push({ tenantId, batch: await planRowBatch(asTenant(tx, tenantId), projections, events, options) });
    }
    const loads = plans.flatMap(({ tenantId, batch }) => (batch.load ? [setTenantStatement(tenantId), plannedStatement(batch.load)] : []));
    loading.push({ plans, answers: queued(queryAll(tx, loads)) });
  }
  const writing: Promise<SqlResult<Record<string, unknown>>[]>[] = [];
  for (const [chunk, { plans, answers }] of loading.entries()) {
    const loadAnswers = await answers;
    // Each load's answer follows its tenant setting's.
    const loaded = new Map(plans.filter(({ batch }) => batch.load).map(({ batch }, index) => [batch, loadAnswers[index * 2 + 1].rows[0]]));
    const writes: PipelinedStatement[] = [];
    for (const [index, { tenantId, batch }] of plans.entries()) {
      const last = chunk === loading.length - 1 && index === plans.length - 1;
      const statement = await batch.write(loaded.get(batch), last ? tail : undefined);
      if (statement) writes.push(setTenantStatement(tenantId), plannedStatement(statement));
    }
    writing.push(queued(queryAll(tx, writes)));
  }
  const written = await Promise.all(writing);
  const lastWrites = written[written.length - 1];
  return tail && lastWrites.length > 0 ? lastWrites[lastWrites.length - 1].rows[0] : undefined;
};
