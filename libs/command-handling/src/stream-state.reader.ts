/**
 * Brings a stream's folded state up to date: from the cached snapshot (when there is one) plus the
 * events after it, read from the store every time, so the answer is as fresh as a full read.
 */
import type { EventSourcedDecider } from '@stepwise/kernel';
import { decodeEvent, READ_LIMITS, readWholeStream, type EventMetadataInput, type EventStore, type RecordedEvent } from '@stepwise/event-store';
import type { DomainEvent } from './domain-event';
import type { AppliedCommand, StreamSnapshot, StreamStateCache, StreamStateKey } from './stream-state.cache';

/** What folding needs of a stored event: one read from the store, or one this process just appended. */
export interface FoldableEvent extends Pick<RecordedEvent, 'id' | 'type' | 'schemaVersion' | 'data' | 'streamId' | 'streamVersion' | 'txId' | 'globalPosition'> {
  readonly metadata: EventMetadataInput;
}

const emptySnapshot = <State, Event extends DomainEvent>(decider: EventSourcedDecider<unknown, Event, State>): StreamSnapshot<State, Event> => ({
  version: 0,
  state: decider.initialState(),
  position: undefined,
  commands: new Map(),
});

/**
 * Folds `tail` onto `from`. The command map is extended in place and shared with `from`: it only
 * ever gains ids of events that are stored, so whoever still holds `from` learns nothing false.
 */
export const extendSnapshot = <State, Event extends DomainEvent>(
  decider: EventSourcedDecider<unknown, Event, State>,
  from: StreamSnapshot<State, Event>,
  tail: readonly FoldableEvent[],
): StreamSnapshot<State, Event> => {
  if (tail.length === 0) return from;
  // Fold first: if evolve throws, nothing has been recorded.
  const state = tail.reduce((current, event) => decider.evolve(current, decodeEvent(decider.eventSchemaVersions, event)), from.state);
  const commands = from.commands as Map<string, AppliedCommand<Event>>;
  const added = new Map<string, AppliedCommand<Event>>();
  for (const event of tail) {
    const commandId = event.metadata.commandId;
    if (typeof commandId !== 'string') continue;
    const inTail = added.get(commandId);
    const stored = commands.get(commandId);
    // An entry above `from` was put there by another reader folding these same versions: replaced, not doubled.
    const before = inTail ? inTail.events : stored && stored.version <= from.version ? stored.events : [];
    const position = { txId: event.txId, globalPosition: event.globalPosition };
    const { commandFingerprint: fingerprint, commandAttemptId: attemptId } = event.metadata;
    added.set(commandId, {
      version: event.streamVersion,
      position,
      events: [...before, decodeEvent(decider.eventSchemaVersions, event)],
      ...(typeof fingerprint === 'string' && { fingerprint }),
      ...(typeof attemptId === 'string' && { attemptId }),
    });
  }
  for (const [commandId, applied] of added) commands.set(commandId, applied);
  const last = tail[tail.length - 1];
  return { version: last.streamVersion, state, position: { txId: last.txId, globalPosition: last.globalPosition }, commands };
};

/**
 * The snapshot a stream's tail brings `cached` (or, without one, nothing) up to, kept in the cache.
 * `tail` is one page read from the version after `cached`: a full page is read on from its end, and
 * a tail that does not continue the snapshot exactly means the entry no longer describes the store,
 * which is then read in full.
 */
export const settleTail = async <State, Event extends DomainEvent>(
  cache: StreamStateCache,
  key: StreamStateKey & { readonly store: EventStore },
  decider: EventSourcedDecider<unknown, Event, State>,
  cached: StreamSnapshot<State, Event> | undefined,
  tail: readonly RecordedEvent[],
): Promise<StreamSnapshot<State, Event>> => {
  const { store, tenantId, streamId } = key;
  const events = tail.length < READ_LIMITS.maxCount ? tail : [...tail, ...(await readWholeStream(store, tenantId, streamId, tail[tail.length - 1].streamVersion + 1))];
  if (cached && (events.length === 0 || events[0].streamVersion === cached.version + 1)) {
    const snapshot = extendSnapshot(decider, cached, events);
    cache.offer(key, snapshot);
    return snapshot;
  }
  if (cached) cache.evict(key);
  const snapshot = extendSnapshot(decider, emptySnapshot(decider), cached ? await readWholeStream(store, tenantId, streamId, 1) : events);
  cache.offer(key, snapshot);
  return snapshot;
};

/** Where a stream's tail starts: after the cached snapshot, or at the stream's first event. */
export const tailStart = (cached: StreamSnapshot<unknown> | undefined): number => (cached ? cached.version + 1 : 1);

/** One stream brought up to date on its own (one read, unless the stream is very long or the entry stale). */
export const readStreamState = async <State, Event extends DomainEvent>(
  store: EventStore,
  cache: StreamStateCache,
  decider: EventSourcedDecider<unknown, Event, State>,
  tenantId: string,
  streamId: string,
): Promise<StreamSnapshot<State, Event>> => {
  const key = { store, decider, tenantId, streamId };
  const cached = cache.get<State, Event>(key);
  const tail = await store.readStream(tenantId, streamId, { fromVersion: tailStart(cached), maxCount: READ_LIMITS.maxCount });
  return settleTail(cache, key, decider, cached, tail);
};
