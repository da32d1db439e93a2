import { APP_ROLE, appRoleForTenantSql, DatabaseOutage, isDatabaseUnavailable, setTenant, tenantOnlySql, type Lease, type SqlDatabase } from '@stepwise/database';
import {
  CheckpointConflictError,
  checkpointSaved,
  checkpointSaveParts,
  loadCheckpoint,
  LOG_START,
  saveCheckpoint,
  type EventStore,
  type LogCheckpoint,
  type RecordedEvent,
  type Subscription,
} from '@stepwise/event-store';
import { noticesCommitted, rowNotices } from './committed-notices';
import { tablesOf, type Projection } from './projection';
import { BatchApplication } from './batch-application';
import type { StatementTail } from './rows/row-statements';
import { clearStall, hasStall, ProjectionFailedError, recordStall } from './projection-stall';
import { CHECKPOINT_CHANNEL, CHECKPOINT_REPLACED_CHANNEL, formatCheckpointSignal } from './checkpoint-signal';
import { analyseTablesWithoutStatistics } from './table-statistics';
import { checkpointMoved, checkpointReached } from './wait-for-position';

export interface ProjectionRunnerOptions {
  /** The checkpoint name; all projections of a runner advance together. */
  readonly processor: string;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** How long to wait after a wake-up before reading (see SubscriptionOptions); for processors no request waits on. */
  readonly lingerMs?: number;
  /** At most one read this often while events keep coming (see SubscriptionOptions); for the same processors. */
  readonly paceMs?: number;
  /** Every failure; an event a projection cannot apply arrives as a ProjectionFailedError naming it. */
  readonly onError?: (error: unknown) => void;
  /**
   * The database out of reach (a lost or refused session): called once when it starts failing so,
   * with the first such error, and not again, nor onError, until it has been reached again. Without
   * it, every such failure goes to onError.
   */
  readonly onUnavailable?: (error: unknown) => void;
  /** The database reached again after onUnavailable. */
  readonly onAvailable?: () => void;
  readonly onBatch?: (events: readonly RecordedEvent[], checkpoint: LogCheckpoint) => void;
  /** Caps the pause between retries of a failed batch (default 60 s; tests shorten it). */
  readonly retryMaxMs?: number;
  /** Called when this runner becomes the processor's leader, and when it stands by behind another. */
  readonly onRole?: (role: 'leader' | 'standby') => void;
  /**
   * Called when the lease ends under a leading runner (its session was lost or ended, as when the
   * database ends a frozen holder's silent session): it stands by, and leads again if it can.
   */
  readonly onLeaseLost?: () => void;
  /**
   * Runs once, when this runner first holds the lease and before it reads its checkpoint: work that
   * must happen only while no other runner of the processor leads. A rebuild empties its tables
   * here, so a worker holding the lease finds them as it left them.
   */
  readonly prepare?: () => Promise<void>;
  /**
   * Once the runner has applied this many events, its tables that have no statistics yet are
   * analysed, once (see table-statistics.ts): a catch-up from an empty table otherwise runs on
   * plans made for an empty table. Default 50,000.
   */
  readonly statisticsAfter?: number;
  /**
   * The runner's tables start empty (its `prepare` empties them, or they are a new copy) and only it
   * writes them: a rebuild. Its batches then insert rows of immutable tables without ON CONFLICT
   * (see WriteOptions in rows/row-statements.ts); a batch that finds one stored after all is applied
   * again one by one, written as always. Never for a worker's runners: a migration may have filled a
   * table ahead of their checkpoint.
   */
  readonly freshTables?: boolean;
}

/** The application role, for a transaction that sets no tenant. */
const APP_ROLE_SQL = `SELECT set_config('role', '${APP_ROLE}', true)`;

/** How often a standby runner asks for the lease. */
const STANDBY_RETRY_MS = 500;

/** The pause before retrying a failed batch: doubling from the first, up to the last. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** Events applied before a runner looks for its tables without statistics. */
const STATISTICS_AFTER_EVENTS = 50_000;

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
  /** The pause before retrying a failed batch: stop() ends it, so nothing of a stopped runner keeps the process alive. */
  private endBackoff: (() => void) | undefined;
  private role: 'leader' | 'standby' | undefined;
  private prepared = false;
  /** Told of a lost database once per outage, when onUnavailable is given. */
  private readonly outage: DatabaseOutage | undefined;
  /** Consecutive failed attempts at the current batch; a stall is on record while it is above 0. */
  private failures = 0;
  /** Gives a batch's events to the projections inside the batch's transaction. */
  private readonly apply: BatchApplication;
  /** What rides along with BEGIN: the role the projections run as and the batch's first tenant. */
  private readonly setupSql: (tenant: string | undefined) => string | undefined;
  /** Events applied until the tables' statistics are looked at; below zero once they have been. */
  private untilStatistics: number;
  /** Stops hearing that a rebuild replaced this processor's checkpoint (see CHECKPOINT_REPLACED_CHANNEL). */
  private unlistenReplaced: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: SqlDatabase,
    private readonly store: Pick<EventStore, 'subscribe'>,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.apply = new BatchApplication(options.processor, options.projections, { fresh: options.freshTables });
    const owners = options.projections.filter((projection) => projection.runsAs === 'owner').length;
    if (owners > 0 && owners < options.projections.length) throw new Error(`${options.processor}: a runner's projections all run as one role`);
    this.setupSql = owners > 0 ? (tenant) => (tenant === undefined ? undefined : tenantOnlySql(tenant)) : (tenant) => (tenant === undefined ? APP_ROLE_SQL : appRoleForTenantSql(tenant));
    this.untilStatistics = options.statisticsAfter ?? STATISTICS_AFTER_EVENTS;
    const { onUnavailable, onAvailable } = options;
    this.outage = onUnavailable && new DatabaseOutage({ lost: onUnavailable, reached: () => onAvailable?.() });
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
    this.reached();
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
    if (!this.prepared && this.options.prepare) {
      try {
        await this.options.prepare();
      } catch (error) {
        this.lease = undefined;
        await lease.release();
        throw error;
      }
    }
    this.prepared = true;
    try {
      await this.follow();
    } catch (error) {
      // Not following, so not leading: the lease goes back, and whoever asks next (this runner, on
      // its retry, or another worker) takes it. Kept, it would stop every runner of the processor.
      if (this.lease === lease) this.lease = undefined;
      await lease.release();
      throw error;
    }
  }

  /** Every failure goes out here: a lost database once per outage when onUnavailable is given, the rest to onError. */
  private report(error: unknown): void {
    if (!this.outage?.failed(error)) this.options.onError?.(error);
  }

  /** A statement went through: an outage reported is over. */
  private reached(): void {
    this.outage?.succeeded();
  }

  private announce(role: 'leader' | 'standby'): void {
    if (role !== this.role) this.options.onRole?.(role);
    this.role = role;
  }

  private retryLater(error: unknown): void {
    this.report(error);
    if (!this.stopped) this.standby = setTimeout(() => void this.lead().catch((next) => this.retryLater(next)), STANDBY_RETRY_MS);
  }

  private async leaseLost(): Promise<void> {
    this.lease = undefined;
    if (!this.stopped) {
      this.options.onLeaseLost?.();
      this.announce('standby');
    }
    await this.subscription?.stop();
    this.subscription = undefined;
    if (!this.stopped) this.standby = setTimeout(() => void this.lead().catch((error) => this.retryLater(error)), STANDBY_RETRY_MS);
  }

  private async follow(): Promise<void> {
    const current = await loadCheckpoint(this.database, this.options.processor);
    // Taking over from a runner that was stuck: our first committed batch clears its record.
    const stalled = this.failures === 0 && (await hasStall(this.database, this.options.processor));
    this.reached();
    // Stopped, or the lease lost, while preparing or reading: without the lease nothing follows the
    // log, and a subscription started after stop() would never be stopped. One already following
    // (the lease taken again while a failed batch waited to retry) stays the only one.
    if (this.stopped || !this.lease || this.subscription) return;
    this.current = current;
    if (stalled) this.failures = 1;
    this.subscription = this.store.subscribe({
      from: this.current,
      eventTypes: [...this.apply.eventTypes],
      batchSize: this.options.batchSize,
      pollIntervalMs: this.options.pollIntervalMs,
      lingerMs: this.options.lingerMs,
      paceMs: this.options.paceMs,
      handler: (events, checkpoint) => this.applyBatch(events, checkpoint),
      // Past events no projection here reads, the stored checkpoint moves too: the lag it shows and
      // a mutation waiting to read its own writes go by it, and would otherwise wait for the next
      // event of a type this runner reads.
      skipped: (checkpoint) => this.applyBatch([], checkpoint),
      onError: (error) => void this.recover(error),
    });
    await this.hearReplacement();
  }

  /**
   * A rebuild that replaced the stored checkpoint (swapped a copy in) says so: the runner goes back
   * to it, as after a conflicting batch. Without a way to listen, the next batch finds the conflict.
   */
  private async hearReplacement(): Promise<void> {
    if (this.unlistenReplaced) return;
    const { processor } = this.options;
    this.unlistenReplaced = await this.database
      .listen(CHECKPOINT_REPLACED_CHANNEL, (payload) => {
        if (payload !== processor || !this.subscription || this.stopped) return;
        const current = this.current ?? LOG_START;
        void this.recover(new CheckpointConflictError(processor, current, current));
      })
      .catch(() => undefined);
  }

  /** Resolves when the runner has applied the log as it stood when called (at once for a standby). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    await (await this.stopHoldingLease())?.release();
  }

  /**
   * Stops following the log but hands the lease (if this runner held it) to the caller, who releases
   * it: work that must finish after the last batch (a rebuild's swap) stays under it, so nobody who
   * asks for the lease meanwhile takes it to clear what that work still needs.
   */
  async stopHoldingLease(): Promise<Lease | undefined> {
    this.stopped = true;
    const unlisten = this.unlistenReplaced;
    this.unlistenReplaced = undefined;
    await unlisten?.().catch(() => undefined);
    clearTimeout(this.standby);
    this.endBackoff?.();
    await this.subscription?.stop();
    this.subscription = undefined;
    const lease = this.lease;
    this.lease = undefined;
    return lease;
  }

  private async applyBatch(events: readonly RecordedEvent[], next: LogCheckpoint): Promise<void> {
    const expected = this.current ?? (await loadCheckpoint(this.database, this.options.processor));
    try {
      await this.commit(events, expected, next, 'together');
    } catch (batchError) {
      if (batchError instanceof CheckpointConflictError) throw batchError;
      // The batch failed as a whole and rolled back: say so, and apply its events one by one, to stop at the very event.
      this.report(batchError);
      await this.commit(events, expected, next, 'one by one');
    }
    this.current = next;
    this.reached();
    if (this.failures > 0) {
      this.failures = 0;
      await clearStall(this.database, this.options.processor).catch((error) => this.report(error));
    }
    // Committed: this process's caches forget what the batch changed, then its waiters need not wait for the announcement.
    noticesCommitted(this.database, rowNotices(this.options.projections, events));
    checkpointReached(this.database, this.options.processor, next);
    checkpointMoved(this.options.processor);
    this.options.onBatch?.(events, next);
    await this.statisticsOnce(events.length);
  }

  /** Past `statisticsAfter` events, once: the tables without statistics analysed, apart from any batch. */
  private async statisticsOnce(applied: number): Promise<void> {
    if (this.untilStatistics < 0) return;
    this.untilStatistics -= applied;
    if (this.untilStatistics > 0) return;
    this.untilStatistics = -1;
    await analyseTablesWithoutStatistics(this.database, tablesOf(this.options.projections)).catch((error) => this.report(error));
  }

  /**
   * One transaction: the batch's events applied to every projection, then the checkpoint, which
   * announces itself at commit to every process waiting to read its own writes. `together` gives
   * each tenant's events to the projections at once (row projections in one load and one write for
   * all of them); `one by one` applies event after event, each projection in turn, and names the
   * first event a projection cannot apply.
   */
  private async commit(events: readonly RecordedEvent[], expected: LogCheckpoint, next: LogCheckpoint, mode: 'together' | 'one by one'): Promise<void> {
    const { processor } = this.options;
    const announce = { channel: CHECKPOINT_CHANNEL, payload: formatCheckpointSignal(processor, next) };
    const checkpoint: StatementTail = (param) => checkpointSaveParts(processor, expected, next, announce, param);
    // The role and the first tenant ride along with BEGIN; the tenant setting then changes only when the tenant does.
    let tenant = events[0]?.tenantId;
    await this.database.transaction(
      async (tx) => {
        const actAs = async (tenantId: string): Promise<void> => {
          if (tenant !== tenantId) await setTenant(tx, tenantId);
          tenant = tenantId;
        };
        // Together, the checkpoint rides along with the batch's last write when it can.
        const saved = mode === 'together' ? await this.apply.together(tx, events, actAs, checkpoint) : undefined;
        if (mode === 'one by one') await this.apply.oneByOne(tx, events, actAs);
        if (saved === undefined) await saveCheckpoint(tx, processor, expected, next, announce);
        else await checkpointSaved(tx, processor, expected, saved);
      },
      { setupSql: this.setupSql(tenant) },
    );
  }

  private async recover(error: unknown): Promise<void> {
    if (this.stopped) return;
    await this.subscription?.stop();
    this.subscription = undefined;
    const conflict = error instanceof CheckpointConflictError;
    if (!conflict) {
      this.failures += 1;
      // A lost database session is no fault of the event it was applying: no stall names it.
      if (error instanceof ProjectionFailedError && !isDatabaseUnavailable(error.cause)) {
        await recordStall(this.database, error).catch((recordError) => this.report(recordError));
      }
      this.report(error);
    }
    // Back off, then resume from whatever checkpoint is stored now: the same batch, unless another runner moved on.
    const pause = conflict ? 10 : Math.min(FIRST_RETRY_MS * 2 ** (this.failures - 1), MAX_RETRY_MS);
    if (this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endBackoff?.(), Math.min(pause, this.options.retryMaxMs ?? MAX_RETRY_MS));
      this.endBackoff = () => {
        clearTimeout(timer);
        this.endBackoff = undefined;
        resolve();
      };
    });
    // Following again can fail as the batch did (the database still out of reach): back off and try
    // again, as long as it takes, rather than hold the lease and follow nothing.
    if (!this.stopped && this.lease) await this.follow().catch((startError) => this.recover(startError));
  }
}
