/**
 * How a runner's projections receive a batch's events inside the batch's transaction: each tenant's
 * events at once (`together`), or event after event (`oneByOne`, to name the event a projection
 * cannot apply). The runner (projection-runner.ts) owns the transaction, the checkpoint and the lease.
 */
import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { Projection } from './projection';
import { ProjectionFailedError } from './projection-stall';
import { applyRowProjections } from './rows/row-projection';
import type { StatementTail, WriteOptions } from './rows/row-statements';
import { applyTenantsPipelined } from './rows/tenant-pipeline';

/** Each tenant's events of a batch, in log order, tenants in the order they first appear. */
const byTenant = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const group = groups.get(event.tenantId);
    if (group) group.push(event);
    else groups.set(event.tenantId, [event]);
  }
  return [...groups.values()];
};

export class BatchApplication {
  /** Every event type some projection reads. */
  readonly eventTypes: ReadonlySet<string>;
  /** Each projection's event types, to ask per event. */
  private readonly reads: ReadonlyMap<Projection, ReadonlySet<string>>;
  private readonly perEvent: readonly Projection[];
  /** Projections that take a tenant's events at once (not row projections). */
  private readonly batchProjections: readonly Projection[];
  private readonly rowProjections: readonly Projection[];
  /** Event types some projection other than a row projection reads: their tenants are applied one at a time. */
  private readonly ownPath: ReadonlySet<string>;

  constructor(
    private readonly processor: string,
    private readonly projections: readonly Projection[],
    /** How `together` writes row projections' rows (`oneByOne` always writes them as ever). */
    private readonly writes: WriteOptions = {},
  ) {
    this.eventTypes = new Set(projections.flatMap((projection) => projection.eventTypes));
    this.reads = new Map(projections.map((projection) => [projection, new Set(projection.eventTypes)]));
    this.perEvent = projections.filter((projection) => !projection.rows && !projection.applyBatch);
    this.batchProjections = projections.filter((projection) => !projection.rows && projection.applyBatch);
    this.rowProjections = projections.filter((projection) => projection.rows);
    this.ownPath = new Set(projections.filter((projection) => !projection.rows).flatMap((projection) => projection.eventTypes));
  }

  /**
   * Each tenant's events of the batch at once (tenants never share a row, and row-level security
   * keeps each write to its tenant, so only each tenant's own order matters): per-event projections
   * event by event, row projections together, batch projections each with the tenant's events.
   */
  async together(
    tx: SqlExecutor,
    events: readonly RecordedEvent[],
    actAs: (tenantId: string) => Promise<void>,
    checkpoint: StatementTail,
  ): Promise<number | undefined> {
    const tenants = byTenant(events).map((own) => own.filter((event) => this.eventTypes.has(event.type))).filter((handled) => handled.length > 0);
    if (this.rowProjections.length > 0) {
      // Tenants whose events only row projections read go in two pipelines (loads, then writes with
      // the checkpoint); the few with an event for another kind of projection go first, one at a time.
      const own: RecordedEvent[][] = [];
      const rowsOnly: RecordedEvent[][] = [];
      for (const handled of tenants) (handled.some((event) => this.ownPath.has(event.type)) ? own : rowsOnly).push(handled);
      for (const handled of own) await this.tenant(tx, handled, actAs);
      const answer = await applyTenantsPipelined(tx, this.rowProjections, rowsOnly, checkpoint, this.writes);
      return answer ? Number(answer.saved) : undefined;
    }
    // The last tenant's last write is the batch's last statement: the checkpoint joins it.
    let saved: number | undefined;
    for (const [index, handled] of tenants.entries()) {
      const answer = await this.tenant(tx, handled, actAs, index === tenants.length - 1 ? checkpoint : undefined);
      if (answer) saved = Number(answer.saved);
    }
    return saved;
  }

  /**
   * One tenant's events: per-event projections event by event, row projections together, batch
   * projections each with the tenant's events. Given the checkpoint, the tenant's last write carries it.
   */
  private async tenant(
    tx: SqlExecutor,
    handled: readonly RecordedEvent[],
    actAs: (tenantId: string) => Promise<void>,
    checkpoint?: StatementTail,
  ): Promise<Record<string, unknown> | undefined> {
    await actAs(handled[0].tenantId);
    for (const event of handled) {
      for (const projection of this.perEvent) if (this.reads.get(projection)?.has(event.type)) await this.applyOne(tx, projection, event);
    }
    const batches = this.batchProjections.flatMap((projection) => {
      const batch = handled.filter((event) => this.reads.get(projection)?.has(event.type));
      return batch.length > 0 ? [{ projection, batch }] : [];
    });
    let answer: Record<string, unknown> | undefined;
    if (this.rowProjections.length > 0) answer = await applyRowProjections(tx, this.rowProjections, handled, batches.length === 0 ? checkpoint : undefined, this.writes);
    for (const [position, { projection, batch }] of batches.entries()) {
      answer = (await projection.applyBatch?.(tx, batch, position === batches.length - 1 ? checkpoint : undefined)) ?? answer;
    }
    return answer;
  }

  /** Event after event, each projection in turn: the first event a projection cannot apply is named. */
  async oneByOne(tx: SqlExecutor, events: readonly RecordedEvent[], actAs: (tenantId: string) => Promise<void>): Promise<void> {
    for (const event of events) {
      for (const projection of this.projections) {
        if (!this.reads.get(projection)?.has(event.type)) continue;
        await actAs(event.tenantId);
        await this.applyOne(tx, projection, event);
      }
    }
  }

  /** One event to one projection; a failure names both. */
  private async applyOne(tx: SqlExecutor, projection: Projection, event: RecordedEvent): Promise<void> {
    try {
      await projection.apply(tx, event);
    } catch (error) {
      throw new ProjectionFailedError(this.processor, projection.name, event, error);
    }
  }
}
