/**
 * Folded stream state kept in memory between commands, so a command reads only the events appended
 * after the cached version. It is a cache, not a source of truth: every use reads the stream's tail
 * from the store, and every write still goes through the expected-version check, so entries stay
 * correct with other processes writing too. Bounded: least recently used entries go first.
 */
import type { LogCheckpoint } from '@stepwise/event-store';
import type { EventSourcedDecider } from '@stepwise/kernel';
import type { DomainEvent } from './domain-event';

/** What one command id wrote to the stream: a retry of it is answered with this. */
export interface AppliedCommand<Event extends DomainEvent = DomainEvent> {
  /** The stream version after the command's last event. */
  readonly version: number;
  readonly position: LogCheckpoint;
  readonly events: readonly Event[];
  /** What the command asked for (see commandFingerprint); absent on events written before it was stored. */
  readonly fingerprint?: string;
  /** Which attempt wrote the events: tells two processes that raced with one command id which of them wrote. */
  readonly attemptId?: string;
}

/** A stream folded from version 1 up to `version`, with every command id those events carry. */
export interface StreamSnapshot<State, Event extends DomainEvent = DomainEvent> {
  readonly version: number;
  readonly state: State;
  /** Where the stream's last event sits in the global log (undefined while the stream is empty). */
  readonly position: LogCheckpoint | undefined;
  readonly commands: ReadonlyMap<string, AppliedCommand<Event>>;
}

/** Which stream, folded by which decider, read from which store: entries are never shared across any of the four. */
export interface StreamStateKey {
  readonly store: object;
  readonly decider: object;
  readonly tenantId: string;
  readonly streamId: string;
}

/** A stream a command read beside its own (a guard's): which one, folded by which decider; same store and tenant. */
export interface CompanionStream {
  readonly decider: EventSourcedDecider<unknown, DomainEvent, unknown>;
  readonly streamId: string;
}

export const DEFAULT_CACHED_STREAMS = 1000;

export class StreamStateCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, StreamSnapshot<unknown>>();
  /** Per stream, the streams the last command on it read beside it: a hint, never a source of state. */
  private readonly companions = new Map<string, readonly CompanionStream[]>();
  private readonly identities = new WeakMap<object, number>();
  private nextIdentity = 1;

  constructor(readonly capacity: number = DEFAULT_CACHED_STREAMS) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get<State, Event extends DomainEvent>(key: StreamStateKey): StreamSnapshot<State, Event> | undefined {
    const id = this.keyOf(key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry as StreamSnapshot<State, Event>;
  }

  /** Keeps the snapshot unless the entry already holds the same or a later version (a slower reader never rolls it back). */
  offer<State, Event extends DomainEvent>(key: StreamStateKey, snapshot: StreamSnapshot<State, Event>): void {
    const id = this.keyOf(key);
    const current = this.entries.get(id);
    if (current && current.version >= snapshot.version) return;
    this.entries.delete(id);
    this.entries.set(id, snapshot as StreamSnapshot<unknown>);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  evict(key: StreamStateKey): void {
    this.entries.delete(this.keyOf(key));
  }

  /** The streams the last command on `key`'s stream read beside it, so the next one reads them in the same statement. */
  companionsOf(key: StreamStateKey): readonly CompanionStream[] {
    return this.companions.get(this.keyOf(key)) ?? [];
  }

  /** Replaces what the last command on `key`'s stream read beside it (bounded like the entries: least recent first out). */
  rememberCompanions(key: StreamStateKey, streams: readonly CompanionStream[]): void {
    const id = this.keyOf(key);
    this.companions.delete(id);
    if (streams.length === 0) return;
    this.companions.set(id, streams);
    if (this.companions.size > this.capacity) this.companions.delete(this.companions.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
    this.companions.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private keyOf({ store, decider, tenantId, streamId }: StreamStateKey): string {
    return JSON.stringify([this.identityOf(store), this.identityOf(decider), tenantId, streamId]);
  }

  private identityOf(object: object): number {
    let identity = this.identities.get(object);
    if (identity === undefined) {
      identity = this.nextIdentity++;
      this.identities.set(object, identity);
    }
    return identity;
  }
}
