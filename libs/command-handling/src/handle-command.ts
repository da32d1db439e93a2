import { randomUUID } from 'node:crypto';
import { CodedError, currentTenant, schemaVersionOf, ValidationError, type EventSourcedDecider } from '@stepwise/kernel';
import { DuplicateEventIdError, WrongExpectedVersionError, type EventStore, type LogCheckpoint, type NewEvent } from '@stepwise/event-store';
import { commandEventId } from './command-event-id';
import { processStreamLock, processStreamStateCache } from './command-side.defaults';
import { conflictBackoffMs, sleep } from './conflict-backoff';
import type { DomainEvent } from './domain-event';
import { IdempotencyKeyReusedError } from './idempotency-key-reused.error';
import type { StreamLock } from './stream-lock';
import type { StreamSnapshot, StreamStateCache } from './stream-state.cache';
import { StreamReadBatch } from './stream-read.batch';
import { extendSnapshot, readStreamState, type FoldableEvent } from './stream-state.reader';

export interface CommandMetadata {
  readonly tenantId: string;
  /** Client-supplied (or generated) id: the same id twice appends once. */
  readonly commandId: string;
  readonly actorId: string;
  readonly correlationId: string;
  /**
   * What the command asks for (commandFingerprint of its operation and input), stored with its
   * events: the same command id with another fingerprint is refused with IDEMPOTENCY_KEY_REUSED.
   */
  readonly fingerprint?: string;
}

export interface HandleCommandOptions<Command, Event extends DomainEvent, State, Alongside = undefined> {
  readonly store: EventStore;
  readonly decider: EventSourcedDecider<Command, Event, State>;
  readonly streamId: string;
  readonly metadata: CommandMetadata;
  /** Builds the command from the current state (most commands ignore it) and what `alongside` read. */
  readonly command: (state: State, alongside: Alongside) => Command | Promise<Command>;
  /**
   * Other reads the command needs (another aggregate's state), started with each attempt's read of
   * the stream so the two travel in parallel rather than one after the other.
   */
  readonly alongside?: () => Promise<Alongside>;
  /** Attempts on a concurrent write before giving up (default 5). */
  readonly maxAttempts?: number;
  /** Defaults to the process's own; pass another to stand for another process. */
  readonly cache?: StreamStateCache;
  /** Defaults to the process's own; pass another to stand for another process. */
  readonly lock?: StreamLock;
}

export interface CommandResult<Event extends DomainEvent> {
  readonly streamId: string;
  /** The stream version after the command. */
  readonly version: number;
  /** Where the command's last event sits in the global log (what read-your-writes waits for). */
  readonly position: LogCheckpoint | undefined;
  readonly events: readonly Event[];
  /** True when this command id had already been applied and nothing new was written. */
  readonly replayed: boolean;
}

export class ConcurrencyExhaustedError extends CodedError {
  constructor(streamId: string, attempts: number) {
    super('CONCURRENT_MODIFICATION', `The stream ${streamId} kept changing underneath the command; gave up after ${attempts} attempts`);
  }
}

export class TenantMismatchError extends CodedError {
  constructor() {
    super('TENANT_MISMATCH', 'The command names a different tenant from the one this request runs for');
  }
}

/** Commands run only inside a tenant context (it throws when there is none), and only for that tenant. */
const assertTenant = (tenantId: string): void => {
  if (currentTenant().tenantId !== tenantId) throw new TenantMismatchError();
};

/**
 * This command id's earlier use of the stream: the original result to replay, or, when it was applied
 * with other input (or as another operation), the IDEMPOTENCY_KEY_REUSED refusal owed; neither when
 * it is new here. Events written before fingerprints were stored carry none and replay as they always did.
 */
const keyedResult = <Event extends DomainEvent>(
  streamId: string,
  snapshot: StreamSnapshot<unknown, Event>,
  metadata: CommandMetadata,
): { replayed?: CommandResult<Event>; reused?: IdempotencyKeyReusedError } => {
  const applied = snapshot.commands.get(metadata.commandId);
  if (!applied) return {};
  if (applied.fingerprint !== undefined && metadata.fingerprint !== undefined && applied.fingerprint !== metadata.fingerprint) {
    return { reused: new IdempotencyKeyReusedError() };
  }
  return { replayed: { streamId, version: applied.version, position: applied.position, events: applied.events, replayed: true } };
};

/** The original result when this command id was already applied to the stream; throws IDEMPOTENCY_KEY_REUSED when with other input. */
const replayedResult = <Event extends DomainEvent>(
  streamId: string,
  snapshot: StreamSnapshot<unknown, Event>,
  metadata: CommandMetadata,
): CommandResult<Event> | undefined => {
  const { replayed, reused } = keyedResult(streamId, snapshot, metadata);
  if (reused) throw reused;
  return replayed;
};

/**
 * The thin shell every command handler is: load the stream, decide, append with the expected
 * version, and on a concurrent write start over (bounded, after a short jittered wait). A command id
 * seen before returns the original result without deciding again. Commands for one stream run one
 * at a time in this process, so a conflict can only come from another process.
 */
export const handleCommand = async <Command, Event extends DomainEvent, State, Alongside = undefined>(
  options: HandleCommandOptions<Command, Event, State, Alongside>,
): Promise<CommandResult<Event>> => {
  const { metadata, streamId } = options;
  assertTenant(metadata.tenantId);
  const lock = options.lock ?? processStreamLock;
  return lock.run(metadata.tenantId, streamId, () => decideAndAppend(options));
};

const decideAndAppend = async <Command, Event extends DomainEvent, State, Alongside>(
  options: HandleCommandOptions<Command, Event, State, Alongside>,
): Promise<CommandResult<Event>> => {
  const { store, decider, streamId, metadata } = options;
  const cache = options.cache ?? processStreamStateCache;
  const maxAttempts = options.maxAttempts ?? 5;
  const key = { store, decider, tenantId: metadata.tenantId, streamId };
  for (let attempt = 1; ; attempt += 1) {
    // The stream, the streams the last command on it read beside it, and what `alongside` asks for: one statement.
    const reads = new StreamReadBatch(store, cache, metadata.tenantId);
    const own = reads.state(decider, streamId, false);
    for (const companion of cache.companionsOf(key)) reads.include(companion.decider, companion.streamId);
    let alongside: Promise<Alongside> | undefined;
    try {
      alongside = options.alongside && reads.run(options.alongside);
    } finally {
      reads.send();
    }
    // A replayed command needs nothing else; its side read must not fail the replay.
    alongside?.catch(() => undefined);
    const snapshot = await own;
    const keyed = keyedResult(streamId, snapshot, metadata);
    if (keyed.replayed) {
      reads.close();
      return keyed.replayed;
    }
    const { state, version } = snapshot;
    let events: Event[];
    try {
      const command = await reads.run(async () => options.command(state, (await alongside) as Alongside));
      events = decider.decide(command, state);
    } catch (error) {
      // The request's own input is refused before its reused key, as it would be without one; a
      // refusal the command decides (who may act, the journey's state) comes after the key's.
      throw error instanceof ValidationError ? error : (keyed.reused ?? error);
    } finally {
      const companions = reads.close();
      if (!keyed.reused) cache.rememberCompanions(key, companions);
    }
    if (keyed.reused) throw keyed.reused;
    // The other streams the decision read (a journey's organisation and team): its append commits
    // only while they are still as read, so no decision stands on a team cancelled underneath it.
    const unchanged = reads.readBeside().filter((read) => read.streamId !== streamId);
    if (events.length === 0) return { streamId, version, position: undefined, events, replayed: false };
    const attemptId = randomUUID();
    const appending = events.map((event, index) => ({
      id: commandEventId(metadata.tenantId, streamId, metadata.commandId, index),
      type: event.type,
      schemaVersion: schemaVersionOf(decider.eventSchemaVersions, event),
      data: event.data as Record<string, unknown>,
      metadata: {
        actorId: metadata.actorId,
        correlationId: metadata.correlationId,
        causationId: metadata.commandId,
        commandId: metadata.commandId,
        ...(metadata.fingerprint !== undefined && { commandFingerprint: metadata.fingerprint }),
        commandAttemptId: attemptId,
      },
    }));
    try {
      const result = await store.append(metadata.tenantId, streamId, appending, { expected: version === 0 ? 'no-stream' : version, ...(unchanged.length > 0 && { unchanged }) });
      const written = { streamId, version: result.nextExpectedVersion, position: result.position, events, replayed: false };
      if (!result.replayed && result.nextExpectedVersion === version + events.length) {
        // This append wrote them, right after the snapshot: the cache moves on without reading them back.
        cache.offer(key, extendSnapshot(decider, snapshot, asStored(appending, streamId, version, result.position)));
        return written;
      }
      return await appendedOrRaced(options, attemptId, written);
    } catch (error) {
      // Our event ids are already stored elsewhere: this command id wrote another stream, or wrote
      // this one differently (a racing process decided on other state). Only the latter is a retry.
      if (error instanceof DuplicateEventIdError) return racedResult(options);
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A store behind the snapshot (the entry outlived its database) is read in full next time.
      if (error.actual >= 0 && error.actual < version) cache.evict(key);
      if (attempt >= maxAttempts) throw new ConcurrencyExhaustedError(streamId, attempt);
      await sleep(conflictBackoffMs(attempt));
    }
  }
};

/**
 * The events just appended as the store holds them, for folding: at the versions after the
 * snapshot, data as stored (JSON), and the append's position (folding keeps only the last event's).
 */
const asStored = (appended: readonly NewEvent[], streamId: string, version: number, position: LogCheckpoint): FoldableEvent[] =>
  appended.map((event, index) => ({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
    metadata: event.metadata ?? {},
    streamId,
    streamVersion: version + index + 1,
    txId: position.txId,
    globalPosition: position.globalPosition,
  }));

/**
 * When the store found our events already stored: another process sending the same command id at
 * the same moment appended the same event ids first, and the store answered ours with its result.
 * The attempt id stored with the events tells which of the two wrote, so exactly one of them says
 * `replayed: false`. (So does an append whose version does not follow the snapshot's, which the
 * expected version rules out.) The read brings the cache up to date.
 */
const appendedOrRaced = async <Command, Event extends DomainEvent, State, Alongside>(
  options: HandleCommandOptions<Command, Event, State, Alongside>,
  attemptId: string,
  appended: CommandResult<Event>,
): Promise<CommandResult<Event>> => {
  const { store, decider, streamId, metadata } = options;
  const snapshot = await readStreamState(store, options.cache ?? processStreamStateCache, decider, metadata.tenantId, streamId);
  const applied = snapshot.commands.get(metadata.commandId);
  if (!applied || applied.attemptId === undefined || applied.attemptId === attemptId) return appended;
  return replayedResult(streamId, snapshot, metadata) ?? appended;
};

/** After a DUPLICATE_EVENT_ID: the racing process's original result when it ran this same command here, else the key was reused. */
const racedResult = async <Command, Event extends DomainEvent, State, Alongside>(options: HandleCommandOptions<Command, Event, State, Alongside>): Promise<CommandResult<Event>> => {
  const { store, decider, streamId, metadata } = options;
  const snapshot = await readStreamState(store, options.cache ?? processStreamStateCache, decider, metadata.tenantId, streamId);
  const replayed = replayedResult(streamId, snapshot, metadata);
  if (!replayed) throw new IdempotencyKeyReusedError();
  return replayed;
};
