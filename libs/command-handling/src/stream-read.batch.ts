/**
 * The stream reads of one command attempt, sent as one statement (`readStreamTails`): the command's
 * own stream, the streams the last command on that stream read beside it, and every stream its
 * `alongside` asks for before the batch is sent. A stream asked for later (a guard that needs the
 * command's state to know which stream) comes from the batch when the batch holds it, else is read
 * on its own. What a command asked for is remembered for the next command on its stream, so from the
 * second command on a stream, its guards cost no round trip of their own.
 *
 * Reads inside a command find their attempt's batch through AsyncLocalStorage (`loadState` asks
 * `currentStreamReadBatch()`), so handlers pass nothing new. Every list in one batch comes from one
 * snapshot of the store; a stream the batch holds is as fresh as the command's own stream, which the
 * append's expected version checks in any case.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventSourcedDecider } from '@stepwise/kernel';
import { READ_LIMITS, type EventStore, type RecordedEvent, type StreamAtVersion } from '@stepwise/event-store';
import type { DomainEvent } from './domain-event';
import type { CompanionStream, StreamSnapshot, StreamStateCache } from './stream-state.cache';
import { readStreamState, settleTail, tailStart } from './stream-state.reader';

/** Guards remembered per stream, at most: the rest are read on their own. */
export const MAX_REMEMBERED_COMPANIONS = 16;

interface Entry {
  readonly decider: EventSourcedDecider<unknown, DomainEvent, unknown>;
  readonly streamId: string;
  /** The snapshot the tail is read after, taken when the stream joined the batch. */
  readonly cached: StreamSnapshot<unknown> | undefined;
  readonly index: number;
  snapshot?: Promise<StreamSnapshot<unknown>>;
}

const scope = new AsyncLocalStorage<StreamReadBatch>();

/** The batch of the command attempt this code runs in, if any. */
export const currentStreamReadBatch = (): StreamReadBatch | undefined => scope.getStore();

export class StreamReadBatch {
  private readonly entries: Entry[] = [];
  private readonly asked: CompanionStream[] = [];
  private readonly versionsRead = new Map<string, number>();
  private sent = false;
  private closed = false;
  private release!: (tails: Promise<RecordedEvent[][]>) => void;
  private readonly tails = new Promise<RecordedEvent[][]>((resolve) => (this.release = resolve));

  constructor(
    private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly tenantId: string,
  ) {}

  /** Runs `work` with this batch as the one its reads (and whatever it starts) go through. */
  run<T>(work: () => T): T {
    return scope.run(this, work);
  }

  /** Whether a read of this store, cache and tenant belongs here (any other read goes its own way). */
  serves(store: EventStore, cache: StreamStateCache, tenantId: string): boolean {
    return store === this.store && cache === this.cache && tenantId === this.tenantId;
  }

  /** Puts a stream in the batch without asking for it (one the last command on the stream read too). */
  include(decider: EventSourcedDecider<unknown, DomainEvent, unknown>, streamId: string): void {
    if (!this.find(decider, streamId)) this.add(decider, streamId);
  }

  /**
   * The stream's state as this batch read it, or as read on its own when the batch went out without
   * it. `asCompanion` records it among the streams the next command on this stream brings along.
   */
  state<State, Event extends DomainEvent>(
    decider: EventSourcedDecider<unknown, Event, State>,
    streamId: string,
    asCompanion = true,
  ): Promise<StreamSnapshot<State, Event>> {
    // Work a command left running past its attempt reads the store, not the attempt's batch.
    if (this.closed) return readStreamState(this.store, this.cache, decider, this.tenantId, streamId);
    const general = decider as unknown as EventSourcedDecider<unknown, DomainEvent, unknown>;
    if (asCompanion && !this.asked.some((stream) => stream.decider === general && stream.streamId === streamId)) {
      this.asked.push({ decider: general, streamId });
    }
    const entry = this.find(general, streamId) ?? this.add(general, streamId);
    let snapshot: Promise<StreamSnapshot<State, Event>>;
    if (!entry) {
      snapshot = readStreamState(this.store, this.cache, decider, this.tenantId, streamId);
    } else {
      entry.snapshot ??= this.tails.then((tails) =>
        settleTail(this.cache, { store: this.store, decider, tenantId: this.tenantId, streamId }, general, entry.cached, tails[entry.index]),
      );
      snapshot = entry.snapshot as Promise<StreamSnapshot<State, Event>>;
    }
    // Noted before whoever asked sees it: the decision made on it stands only while it is at this version.
    if (asCompanion) snapshot.then((read) => this.versionsRead.set(streamId, read.version), () => undefined);
    return snapshot;
  }

  /** The streams read beside the command's own during the attempt, each at the version read: what its append guards. */
  readBeside(): StreamAtVersion[] {
    return [...this.versionsRead].map(([streamId, version]) => ({ streamId, version }));
  }

  /** Sends the batch: every stream in it, in one statement. Streams asked for from now on are read on their own. */
  send(): void {
    if (this.sent) return;
    this.sent = true;
    const tails =
      this.entries.length === 0
        ? Promise.resolve([])
        : this.store.readStreamTails(
            this.tenantId,
            this.entries.map((entry) => ({ streamId: entry.streamId, fromVersion: tailStart(entry.cached) })),
            { maxCount: READ_LIMITS.maxCount },
          );
    // Surfaced to whoever asked for a stream; a batch nobody awaits must not become an unhandled rejection.
    tails.catch(() => undefined);
    this.release(tails);
  }

  /** Ends the attempt: answers the streams it asked for beside its own (bounded), and serves no more reads. */
  close(): readonly CompanionStream[] {
    this.closed = true;
    return this.asked.slice(0, MAX_REMEMBERED_COMPANIONS);
  }

  private find(decider: object, streamId: string): Entry | undefined {
    return this.entries.find((entry) => entry.decider === decider && entry.streamId === streamId);
  }

  /** A new entry, or undefined once the batch is sent or full. */
  private add(decider: EventSourcedDecider<unknown, DomainEvent, unknown>, streamId: string): Entry | undefined {
    if (this.sent || this.entries.length >= READ_LIMITS.maxStreamsPerRead) return undefined;
    const cached = this.cache.get<unknown, DomainEvent>({ store: this.store, decider, tenantId: this.tenantId, streamId });
    const entry: Entry = { decider, streamId, cached, index: this.entries.length };
    this.entries.push(entry);
    return entry;
  }
}
