/**
 * A batch's tenants applied to row projections in two round trips instead of two per tenant: every
 * tenant's events are planned (the first pass), then one pipeline loads each tenant's rows (its
 * tenant set before its load), the events are applied to them, and one pipeline writes each tenant's
 * changes (its tenant set before its write), the checkpoint riding along with the last. Row-level
 * security applies to every statement as before: each runs as the application role with its own
 * tenant set. Loading a tenant's rows before an earlier tenant's writes changes nothing: tenants
 * never share a row. On PGlite the statements run one after the other, in the same order.
 */
import { queryAll, setTenantStatement, type PipelinedStatement, type SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { Projection } from '../projection';
import { planRowBatch, type RowBatch } from './row-projection';
import type { StatementTail } from './row-statements';
import { plannedStatement } from './statement-plans';

/** An executor reading as the tenant (its setting sent ahead of each statement): for rows loaded when reached. */
const asTenant = (tx: SqlExecutor, tenantId: string): SqlExecutor => ({
  query: async (text, values = [], options) => {
    const [, answer] = await queryAll(tx, [setTenantStatement(tenantId), { text, values, prepare: options?.prepare }]);
    return answer as never;
  },
  exec: () => Promise.reject(new Error('Only statements with parameters run as a tenant in a batch')),
});


/**
 * Applies each tenant's events (each list one tenant's, in log order) to the row projections, in
 * the caller's transaction; `tail` rides along with the last write (sent even when nothing
 * changed) and its answer is returned.
 */
export const applyTenantsPipelined = async (
  tx: SqlExecutor,
  projections: readonly Projection[],
  tenants: readonly (readonly RecordedEvent[])[],
  tail?: StatementTail,
): Promise<Record<string, unknown> | undefined> => {
  const plans: { readonly tenantId: string; readonly batch: RowBatch }[] = [];
  for (const events of tenants) {
    if (events.length === 0) continue;
    const tenantId = events[0].tenantId;
    plans.push({ tenantId, batch: await planRowBatch(asTenant(tx, tenantId), projections, events) });
  }
  const loading = plans.filter(({ batch }) => batch.load);
  const loadAnswers = await queryAll(
    tx,
    loading.flatMap(({ tenantId, batch }) => [setTenantStatement(tenantId), plannedStatement(batch.load as NonNullable<RowBatch['load']>)]),
  );
  const loaded = new Map(loading.map(({ batch }, index) => [batch, loadAnswers[index * 2 + 1].rows[0]]));
  const writes: PipelinedStatement[] = [];
  for (const [index, { tenantId, batch }] of plans.entries()) {
    const statement = await batch.write(loaded.get(batch), index === plans.length - 1 ? tail : undefined);
    if (statement) writes.push(setTenantStatement(tenantId), plannedStatement(statement));
  }
  // No tenant at all: the tail goes alone.
  if (plans.length === 0 && tail) {
    const statement = await (await planRowBatch(tx, projections, [])).write(undefined, tail);
    if (statement) writes.push(plannedStatement(statement));
  }
  const written = await queryAll(tx, writes);
  return tail && written.length > 0 ? written[written.length - 1].rows[0] : undefined;
};
