import type { Lease, SqlDatabase } from '@stepwise/database';
import { CheckpointConflictError, loadCheckpoint, saveCheckpoint, type EventStore, type LogCheckpoint, type RecordedEvent, type Subscription } from '@stepwise/event-store';
import type { Projection } from './projection';
import { CHECKPOINT_CHANNEL, checkpointMoved } from './wait-for-position';
import { setTenant, useAppRole, useAppRoleForTenant } from '@stepwise/database';

export interface ProjectionRunnerOptions {
  /** The checkpoint name; all projections of a runner advance together. */
  readonly processor: string;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onBatch?: (events: readonly RecordedEvent[], checkpoint: LogCheckpoint) => void;
  /** Called when this runner becomes the processor's leader, and when it stands by behind another. */
  readonly onRole?: (role: 'leader' | 'standby') => void;
}

/** How often a standby runner asks for the lease. */
const STANDBY_RETRY_MS = 500;

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
      // The tenant setting lasts for the transaction: set it only when the next event's tenant differs.
      let tenant: string | undefined;
      for (const event of events) {
        if (event.tenantId !== tenant) {
          await (tenant === undefined ? useAppRoleForTenant(tx, event.tenantId) : setTenant(tx, event.tenantId));
          tenant = event.tenantId;
        }
        for (const projection of this.options.projections) {
          if (projection.eventTypes.includes(event.type)) await projection.apply(tx, event);
        }
      }
      await saveCheckpoint(tx, this.options.processor, expected, next);
      // Delivered at commit, to every process waiting to read its own writes.
      await tx.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, this.options.processor]);
    });
    this.current = next;
    checkpointMoved(this.options.processor);
    this.options.onBatch?.(events, next);
  }

  private async recover(error: unknown): Promise<void> {
    if (this.stopped) return;
    await this.subscription?.stop();
    this.subscription = undefined;
    if (!(error instanceof CheckpointConflictError)) this.options.onError?.(error);
    // Back off briefly, then resume from whatever checkpoint is stored now.
    await new Promise((resolve) => setTimeout(resolve, error instanceof CheckpointConflictError ? 10 : 1_000));
    if (!this.stopped && this.lease) await this.follow().catch((startError) => this.options.onError?.(startError));
  }
}
