import { setTenant, useAppRole, useAppRoleForTenant, type Lease, type SqlDatabase } from '@stepwise/database';
import { CheckpointConflictError, loadCheckpoint, saveCheckpoint, type EventStore, type LogCheckpoint, type RecordedEvent, type Subscription } from '@stepwise/event-store';
import type { Projection } from './projection';
import { clearStall, hasStall, ProjectionFailedError, recordStall } from './projection-stall';
import { CHECKPOINT_CHANNEL, formatCheckpointSignal } from './checkpoint-signal';
import { checkpointMoved, checkpointReached } from './wait-for-position';

export interface ProjectionRunnerOptions {
  /** The checkpoint name; all projections of a runner advance together. */
  readonly processor: string;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Every failure; an event a projection cannot apply arrives as a ProjectionFailedError naming it. */
  readonly onError?: (error: unknown) => void;
  readonly onBatch?: (events: readonly RecordedEvent[], checkpoint: LogCheckpoint) => void;
  /** Caps the pause between retries of a failed batch (default 60 s; tests shorten it). */
  readonly retryMaxMs?: number;
  /** Called when this runner becomes the processor's leader, and when it stands by behind another. */
  readonly onRole?: (role: 'leader' | 'standby') => void;
}

/** Consecutive events of one tenant: the unit a batch projection applies at once, under that tenant's row-level security. */
const tenantRuns = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].tenantId === event.tenantId) last.push(event);
    else runs.push([event]);
  }
  return runs;
};

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

/** How often a standby runner asks for the lease. */
const STANDBY_RETRY_MS = 500;

/** The pause before retrying a failed batch: doubling from the first, up to the last. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Follows the global log and applies each batch to the projections and the checkpoint in one
 * transaction: a crash between batches replays nothing twice and loses nothing. Of several runners
 * for one processor (several workers), one leads, holding the processor's lease; the others stand
 * by and take over when it goes. Should two ever overlap, the checkpoint's compare-and-set still
 * keeps them correct: the loser rolls back and resumes from the stored checkpoint.
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private current: LogCheckpoint | undefined;
  private stopped = false;
  private lease: Lease | undefined;
  private standby: NodeJS.Timeout | undefined;
  private role: 'leader' | 'standby' | undefined;
  /** Consecutive failed attempts at the current batch; a stall is on record while it is above 0. */
  private failures = 0;
  private readonly eventTypes: string[];

  constructor(
    private readonly database: SqlDatabase,
    private readonly store: EventStore,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.eventTypes = [...new Set(options.projections.flatMap((projection) => projection.eventTypes))];
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.lead();
  }

  /** True while this runner holds the lease and applies batches. */
  get leading(): boolean {
    return this.lease !== undefined;
  }

  private async lead(): Promise<void> {
    if (this.stopped) return;
    const lease = await this.database.tryLease(`projection:${this.options.processor}`, () => void this.leaseLost());
    if (this.stopped) {
      await lease?.release();
      return;
    }
    this.lease = lease;
    this.announce(lease ? 'leader' : 'standby');
    if (!lease) {
      this.standby = setTimeout(() => void this.lead().catch((error) => this.retryLater(error)), STANDBY_RETRY_MS);
      return;
    }
    await this.follow();
  }

  private announce(role: 'leader' | 'standby'): void {
    if (role !== this.role) this.options.onRole?.(role);
    this.role = role;
  }

  private retryLater(error: unknown): void {
    this.options.onError?.(error);
    if (!this.stopped) this.standby = setTimeout(() => void this.lead().catch((next) => this.retryLater(next)), STANDBY_RETRY_MS);
  }

  private async leaseLost(): Promise<void> {
    this.lease = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    if (!this.stopped) this.standby = setTimeout(() => void this.lead().catch((error) => this.retryLater(error)), STANDBY_RETRY_MS);
  }

  private async follow(): Promise<void> {
    this.current = await loadCheckpoint(this.database, this.options.processor);
    // Taking over from a runner that was stuck: our first committed batch clears its record.
    if (this.failures === 0 && (await hasStall(this.database, this.options.processor))) this.failures = 1;
    this.subscription = this.store.subscribe({
      from: this.current,
      eventTypes: this.eventTypes,
      batchSize: this.options.batchSize,
      pollIntervalMs: this.options.pollIntervalMs,
      handler: (events, checkpoint) => this.applyBatch(events, checkpoint),
      onError: (error) => void this.recover(error),
    });
  }

  /** Resolves when the runner has applied the log as it stood when called (at once for a standby). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.standby);
    await this.subscription?.stop();
    this.subscription = undefined;
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }

  private async applyBatch(events: readonly RecordedEvent[], next: LogCheckpoint): Promise<void> {
    const expected = this.current ?? (await loadCheckpoint(this.database, this.options.processor));
    await this.database.transaction(async (tx) => {
      if (events.length === 0) await useAppRole(tx);
      // The tenant setting lasts for the transaction: set it only when the next tenant differs.
      let tenant: string | undefined;
      const actAs = async (tenantId: string): Promise<void> => {
        if (tenant === tenantId) return;
        await (tenant === undefined ? useAppRoleForTenant(tx, tenantId) : setTenant(tx, tenantId));
        tenant = tenantId;
      };
      const perEvent = this.options.projections.filter((projection) => !projection.applyBatch);
      for (const run of tenantRuns(events)) {
        // A run no per-event projection reads costs nothing, not even its tenant setting.
        if (!run.some((event) => perEvent.some((projection) => projection.eventTypes.includes(event.type)))) continue;
        await actAs(run[0].tenantId);
        for (const event of run) {
          for (const projection of perEvent) {
            if (!projection.eventTypes.includes(event.type)) continue;
            try {
              await projection.apply(tx, event);
            } catch (error) {
              throw new ProjectionFailedError(this.options.processor, projection.name, event, error);
            }
          }
        }
      }
      // Batch projections get all of a tenant's events in the batch at once: tenants never share a
      // row (row-level security keeps each write to its tenant), so only each tenant's own order matters.
      for (const own of byTenant(events)) {
        for (const projection of this.options.projections) {
          const handled = projection.applyBatch ? own.filter((event) => projection.eventTypes.includes(event.type)) : [];
          if (handled.length === 0) continue;
          await actAs(handled[0].tenantId);
          await tx.query('SAVEPOINT projection_batch');
          try {
            await projection.applyBatch?.(tx, handled);
            await tx.query('RELEASE SAVEPOINT projection_batch');
          } catch (batchError) {
            // The batch failed as a whole: say so, undo it, and apply its events one by one, to stop at the very event.
            this.options.onError?.(batchError);
            await tx.query('ROLLBACK TO SAVEPOINT projection_batch');
            for (const event of handled) {
              try {
                await projection.apply(tx, event);
              } catch (error) {
                throw new ProjectionFailedError(this.options.processor, projection.name, event, error);
              }
            }
          }
        }
      }
      await saveCheckpoint(tx, this.options.processor, expected, next);
      // Delivered at commit, to every process waiting to read its own writes.
      await tx.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, formatCheckpointSignal(this.options.processor, next)]);
    });
    this.current = next;
    if (this.failures > 0) {
      this.failures = 0;
      await clearStall(this.database, this.options.processor).catch((error) => this.options.onError?.(error));
    }
    // Committed: waiters in this process on this database need not wait for the announcement.
    checkpointReached(this.database, this.options.processor, next);
    checkpointMoved(this.options.processor);
    this.options.onBatch?.(events, next);
  }

  private async recover(error: unknown): Promise<void> {
    if (this.stopped) return;
    await this.subscription?.stop();
    this.subscription = undefined;
    const conflict = error instanceof CheckpointConflictError;
    if (!conflict) {
      this.failures += 1;
      if (error instanceof ProjectionFailedError) await recordStall(this.database, error).catch((recordError) => this.options.onError?.(recordError));
      this.options.onError?.(error);
    }
    // Back off, then resume from whatever checkpoint is stored now: the same batch, unless another runner moved on.
    const pause = conflict ? 10 : Math.min(FIRST_RETRY_MS * 2 ** (this.failures - 1), MAX_RETRY_MS);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, this.options.retryMaxMs ?? MAX_RETRY_MS)));
    if (!this.stopped && this.lease) await this.follow().catch((startError) => this.options.onError?.(startError));
  }
}
