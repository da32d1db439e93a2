/**
 * The EventStore over a SqlDatabase: the same SQL on PostgreSQL and PGlite. `appendIn` runs an append
 * inside a transaction the caller already holds (a projection, a process manager, or a test that
 * wants to commit late or roll back).
 */
import { systemClock, type Clock } from '@stepwise/kernel';
import { ConcurrentAppendError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  LogCheckpoint,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamTailsOptions,
  RecordedEvent,
  StreamTailRequest,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { expectationHolds } from '../append/expected-version';
import { originalResult } from '../append/idempotent-replay';
import { prepareAppend, type PreparedAppend } from '../append/new-events.validator';
import { assertStreamKey } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import { inspectRejection, isUniqueViolation, NOTIFY_READERS, runAppendStatement } from './append.statement';
import { CoalescedLogReads } from './coalesced-log-reads';
import { GlobalLogSubscription } from './global-log.subscription';
import { assertSubscriptionOptions, horizonHolder, logHead, readGlobalLogPage, type GlobalLogPage, type HorizonHolder } from './read-all.query';
import type { EventStoreObserver } from '../event-store.observer';
import { readStreamPage, readStreamTailsPage } from './read-stream.query';
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';

export interface SqlEventStoreOptions {
  readonly upcasters?: UpcasterRegistry;
  readonly clock?: Clock;
}

// An own-transaction append takes its transaction id only once it holds the stream's lock (see
// append.statement.ts), so no newer transaction can have moved the head first: this bound is a guard
// that should never be reached, not the way concurrency is handled.
const TRANSACTION_ORDER_RETRIES = 5;

/** How long a wake-up waits for further appends to share it: readers learn of an append this much later. */
export const NOTIFY_COALESCE_MS = 2;

export class SqlEventStore implements EventStore {
  private readonly subscriptions = new Set<GlobalLogSubscription>();
  private readonly observers: EventStoreObserver[] = [];
  private readonly clock: Clock;
  private notifying?: Promise<void>;
  private notifyAgain = false;
  /** Own-transaction appends of this store whose statement is running now. */
  private appending = 0;
  /** The subscriptions' reads: those asking from the same place at the same moment share one. */
  private readonly liveReads = new CoalescedLogReads((page) => this.readPage(page));

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: SqlEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Adds an observer of appends and reads (metrics); returns what removes it. */
  observe(observer: EventStoreObserver): () => void {
    this.observers.push(observer);
    return () => {
      const index = this.observers.indexOf(observer);
      if (index >= 0) this.observers.splice(index, 1);
    };
  }

  async append(tenantId: string, streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.observers.length === 0) return this.appendOwn(tenantId, streamId, events, options);
    const started = performance.now();
    let ok = false;
    try {
      const result = await this.appendOwn(tenantId, streamId, events, options);
      ok = true;
      return result;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      for (const observer of this.observers) observer.appended?.(seconds, ok);
    }
  }

  private async appendOwn(tenantId: string, streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const prepared = prepareAppend(tenantId, streamId, events, options.expected, this.clock.now(), options.unchanged);
    for (let attempt = 1; ; attempt += 1) {
      let outcome;
      const notifyInStatement = this.notifiesInStatement();
      this.appending += 1;
      try {
        // No id lookup: a stored id fails the insert on its unique index, and is looked at only then.
        outcome = await runAppendStatement(this.db, prepared, { notifyInStatement, lookUpIds: false });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Some of our ids are stored (by an earlier append, or one that just committed): the statement
        // wrote nothing. A replay answers with the original result; anything else is DUPLICATE_EVENT_ID.
        const { existing } = await inspectRejection(this.db, prepared);
        if (existing.length === 0) throw error;
        return originalResult(prepared, existing);
      } finally {
        this.appending -= 1;
      }
      if (outcome.kind === 'appended') {
        if (!notifyInStatement) this.wakeReaders();
        return this.resultOf(outcome);
      }
      if (outcome.kind === 'already-stored') return originalResult(prepared, outcome.existing);
      if (outcome.kind === 'read-streams-moved') throw readStreamsMoved(prepared);
      const retry = await this.explainRejection(this.db, prepared);
      if (retry !== 'transaction-order') return retry;
      if (attempt >= TRANSACTION_ORDER_RETRIES) {
        throw new WrongExpectedVersionError(streamId, prepared.expected, -1, 'newer transactions kept appending first');
      }
    }
  }

  /** Appends inside the caller's transaction; it commits or rolls back with everything else in it. */
  async appendIn(
    tx: SqlExecutor,
    tenantId: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const prepared = prepareAppend(tenantId, streamId, events, options.expected, this.clock.now(), options.unchanged);
    let outcome;
    try {
      outcome = await runAppendStatement(tx, prepared, { notifyInStatement: true, lookUpIds: true });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrentAppendError(streamId);
      throw error;
    }
    if (outcome.kind === 'appended') return this.resultOf(outcome);
    if (outcome.kind === 'already-stored') return originalResult(prepared, outcome.existing);
    if (outcome.kind === 'read-streams-moved') throw readStreamsMoved(prepared);
    const retry = await this.explainRejection(tx, prepared);
    if (retry !== 'transaction-order') return retry;
    // Within one transaction the id cannot get newer; the caller retries the whole unit of work.
    throw new ConcurrentAppendError(streamId, 'newer-transaction');
  }

  readStream(tenantId: string, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.timed('stream', readStreamPage(this.db, tenantId, streamId, options, this.options.upcasters));
  }

  readStreamTails(tenantId: string, streams: readonly StreamTailRequest[], options: ReadStreamTailsOptions = {}): Promise<RecordedEvent[][]> {
    return this.timed('stream', readStreamTailsPage(this.db, tenantId, streams, options, this.options.upcasters));
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    assertStreamKey(tenantId, streamId);
    const { rows } = await this.db.query<{ version: string | number }>(
      'SELECT version FROM es_streams WHERE tenant_id = $1 AND stream_id = $2',
      [tenantId, streamId],
    );
    return rows.length === 0 ? 0 : Number(rows[0].version);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const { events, checkpoint } = await this.readPage(options);
    return { events, checkpoint };
  }

  /**
   * The oldest transaction of this database that holds the global log's horizon (it has a
   * transaction id, so it may still append rows that sort before what has committed since), or
   * undefined when none does. Always undefined on PGlite: its one session holds nothing from others.
   */
  horizonHolder(): Promise<HorizonHolder | undefined> {
    return this.db.engine === 'pglite' ? Promise.resolve(undefined) : horizonHolder(this.db);
  }

  private readPage(options: ReadAllOptions): Promise<GlobalLogPage> {
    return this.timed('all', readGlobalLogPage(this.db, this.db.engine === 'pglite' ? 'snapshot' : 'database', options, this.options.upcasters));
  }

  private async timed<T>(kind: 'stream' | 'all', read: Promise<T>): Promise<T> {
    if (this.observers.length === 0) return read;
    const started = performance.now();
    try {
      return await read;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      for (const observer of this.observers) observer.read?.(kind, seconds);
    }
  }

  /** The last committed event in the global log (LOG_START when empty). */
  logHead(): Promise<LogCheckpoint> {
    return logHead(this.db);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    assertSubscriptionOptions(options);
    const subscription = new GlobalLogSubscription(
      {
        readAll: (page) => this.liveReads.read(page),
        logHead: () => this.logHead(),
        listen: (channel, onNotify, onLost) => this.db.listen(channel, onNotify, onLost),
        readAhead: this.db.engine !== 'pglite',
      },
      options,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops this store's subscriptions. The database belongs to whoever opened it and stays open. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifying;
  }

  /**
   * Whether an own-transaction append wakes readers from its own statement (at its commit, with no
   * round trip of its own) rather than by a NOTIFY after it. Always on PGlite: one session, no commit
   * lock to contend for. On PostgreSQL a NOTIFY inside a writing transaction makes its commit take a
   * database-wide lock held through the WAL flush, which serialises concurrent commits (at 16
   * writers, each notifying in its statement cut appends/s to 0.25-0.46x). So an append notifies in
   * its statement only when it is alone in this process: no other append running and no wake-up
   * pending. Beside others, it joins the coalesced NOTIFY after commit, one for all of them (at 16
   * writers this choice measured 0.95-1.07x the appends/s of always coalescing).
   */
  private notifiesInStatement(): boolean {
    return this.db.engine === 'pglite' || (this.appending === 0 && this.notifying === undefined);
  }

  /**
   * One NOTIFY after commit, coalesced: sent NOTIFY_COALESCE_MS after an append, it covers every
   * append of that moment; while one is pending or in flight, any number of further appends cause
   * exactly one more. Outside a writing transaction it costs no WAL flush.
   */
  private wakeReaders(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = (async () => {
      try {
        do {
          this.notifyAgain = false;
          // Let the appends of the next moment join this wake-up: each NOTIFY is a transaction with
          // its own commit, and one per append cost writers more than half their throughput.
          await new Promise((resolve) => setTimeout(resolve, NOTIFY_COALESCE_MS));
          await this.db.query(NOTIFY_READERS);
        } while (this.notifyAgain);
      } catch {
        // Deliberately not rethrown: the events are committed, and subscribers poll when a wake-up is lost.
      } finally {
        this.notifying = undefined;
      }
    })();
  }

  private resultOf(outcome: { version: number; txId: number; globalPosition: number }): AppendResult {
    return { nextExpectedVersion: outcome.version, position: { txId: outcome.txId, globalPosition: outcome.globalPosition }, replayed: false };
  }

  /** Resolves to the original result of a racing identical append, or to 'transaction-order'; else throws. */
  private async explainRejection(executor: SqlExecutor, prepared: PreparedAppend): Promise<AppendResult | 'transaction-order'> {
    const { actual, existing } = await inspectRejection(executor, prepared);
    if (existing.length > 0) return originalResult(prepared, existing);
    if (expectationHolds(prepared.expected, actual)) return 'transaction-order';
    throw new WrongExpectedVersionError(prepared.streamId, prepared.expected, actual);
  }
}

/** The decision stood on streams that have moved on: a conflict like any other, decided again on a fresh read. */
const readStreamsMoved = (prepared: PreparedAppend): WrongExpectedVersionError =>
  new WrongExpectedVersionError(prepared.streamId, prepared.expected, -1, `a stream the decision read has changed since (one of ${prepared.unchangedStreams.join(', ')})`);
