import { CodedError, currentTenant, type Decider } from '@stepwise/kernel';
import { WrongExpectedVersionError, type EventStore, type LogCheckpoint, type RecordedEvent } from '@stepwise/event-store';
import { commandEventId } from './command-event-id';

export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

export interface CommandMetadata {
  readonly tenantId: string;
  /** Client-supplied (or generated) id: the same id twice appends once. */
  readonly commandId: string;
  readonly actorId: string;
  readonly correlationId: string;
}

export interface HandleCommandOptions<Command, Event extends DomainEvent, State> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State>;
  readonly streamId: string;
  readonly metadata: CommandMetadata;
  /** Builds the command from the current state (most commands ignore it). */
  readonly command: (state: State, stream: readonly RecordedEvent[]) => Command | Promise<Command>;
  /** Attempts on a concurrent write before giving up (default 5). */
  readonly maxAttempts?: number;
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

const toDomainEvent = <Event extends DomainEvent>(event: RecordedEvent): Event => ({ type: event.type, data: event.data }) as unknown as Event;

const replayedResult = <Event extends DomainEvent>(streamId: string, stream: readonly RecordedEvent[], commandId: string): CommandResult<Event> | undefined => {
  const applied = stream.filter((event) => event.metadata.commandId === commandId);
  if (applied.length === 0) return undefined;
  const last = applied[applied.length - 1];
  return {
    streamId,
    version: last.streamVersion,
    position: { txId: last.txId, globalPosition: last.globalPosition },
    events: applied.map((event) => toDomainEvent<Event>(event)),
    replayed: true,
  };
};

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
 * The thin shell every command handler is: load the stream, decide, append with the expected
 * version, and on a concurrent write start over (bounded). A command id seen before returns the
 * original result without deciding again.
 */
export const handleCommand = async <Command, Event extends DomainEvent, State>(
  options: HandleCommandOptions<Command, Event, State>,
): Promise<CommandResult<Event>> => {
  const { store, decider, streamId, metadata } = options;
  assertTenant(metadata.tenantId);
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const stream = await store.readStream(metadata.tenantId, streamId);
    const replayed = replayedResult<Event>(streamId, stream, metadata.commandId);
    if (replayed) return replayed;
    const state = stream.reduce((current, event) => decider.evolve(current, toDomainEvent<Event>(event)), decider.initialState());
    const version = stream.length === 0 ? 0 : stream[stream.length - 1].streamVersion;
    const events = decider.decide(await options.command(state, stream), state);
    if (events.length === 0) return { streamId, version, position: undefined, events, replayed: false };
    try {
      const result = await store.append(
        metadata.tenantId,
        streamId,
        events.map((event, index) => ({
          id: commandEventId(metadata.tenantId, streamId, metadata.commandId, index),
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: {
            actorId: metadata.actorId,
            correlationId: metadata.correlationId,
            causationId: metadata.commandId,
            commandId: metadata.commandId,
          },
        })),
        { expected: version === 0 ? 'no-stream' : version },
      );
      return { streamId, version: result.nextExpectedVersion, position: result.position, events, replayed: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyExhaustedError(streamId, attempt);
    }
  }
};

/** Reads a stream and folds it, for handlers that need another aggregate's state to decide. */
export const loadState = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  tenantId: string,
  streamId: string,
): Promise<{ state: State; version: number }> => {
  const stream = await store.readStream(tenantId, streamId);
  const state = stream.reduce((current, event) => decider.evolve(current, toDomainEvent<Event>(event)), decider.initialState());
  return { state, version: stream.length === 0 ? 0 : stream[stream.length - 1].streamVersion };
};
