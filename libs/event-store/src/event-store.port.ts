/**
 * The event store port. Streams are identified by (tenantId, streamId): the same stream id in two
 * tenants is two streams. Stream versions start at 1 (the first event); a stream that does not
 * exist has version 0. Global positions and transaction ids are plain numbers (both stay far below
 * 2^53 in practice).
 */

/** `no-stream`: the stream must not exist; `stream-exists`: it must; `any`: no check; a number: the exact current version. */
export type ExpectedVersion = 'no-stream' | 'any' | 'stream-exists' | number;

export interface EventMetadataInput {
  readonly actorId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Extra, caller-defined metadata (kept as given). */
  readonly [key: string]: unknown;
}

export interface NewEvent {
  /** A UUID chosen by the caller; appending an id that is already stored is an idempotent no-op. */
  readonly id: string;
  readonly type: string;
  /** Defaults to 1. */
  readonly schemaVersion?: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata?: EventMetadataInput;
}

export interface EventMetadata extends EventMetadataInput {
  readonly tenantId: string;
  readonly recordedAt: string;
}

export interface RecordedEvent<Data = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly tenantId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly txId: number;
  readonly recordedAt: Date;
}

/** A place in the global log: always the pair, never the position alone. */
export interface LogCheckpoint {
  readonly txId: number;
  readonly globalPosition: number;
}

export const LOG_START: LogCheckpoint = Object.freeze({ txId: 0, globalPosition: 0 });

/** A stream of the same tenant at the version a decision read it. */
export interface StreamAtVersion {
  readonly streamId: string;
  readonly version: number;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expected?: ExpectedVersion;
  /**
   * Other streams the decision read (a journey's team and organisation), each at the version it
   * read: the append is refused with WRONG_EXPECTED_VERSION if any has moved on by the time it
   * would commit, and an append to one of them waits for it to commit. So a decision never stands
   * on a team or organisation changed underneath it (a write landing after its team's cancellation).
   */
  readonly unchanged?: readonly StreamAtVersion[];
}

export interface AppendResult {
  /** The stream's version after the append (the version of its last event). */
  readonly nextExpectedVersion: number;
  /** Where the last appended event sits in the global log. */
  readonly position: LogCheckpoint;
  /**
   * False when this append wrote the events; true when it found them already stored by an identical
   * append (an earlier one, or one racing it) and wrote nothing (its result is that append's).
   */
  readonly replayed: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** Forward: first version to return (default 1). Backward: highest version to return (default: the head). */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

/** One stream of a multi-stream read: its events from `fromVersion` (default 1) on. */
export interface StreamTailRequest {
  readonly streamId: string;
  readonly fromVersion?: number;
}

export interface ReadStreamTailsOptions {
  /** The most events returned per stream (default and limit: the stream read's); page on with readStream. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this checkpoint (default: the start of the log). */
  readonly after?: LogCheckpoint;
  readonly tenantId?: string;
  readonly eventTypes?: readonly string[];
  /** Default 1000. */
  readonly maxCount?: number;
}

export interface ReadAllResult {
  readonly events: RecordedEvent[];
  /** Where the next read continues from; moves past filtered-out events too. */
  readonly checkpoint: LogCheckpoint;
}

export interface SubscriptionOptions {
  readonly from?: LogCheckpoint;
  readonly tenantId?: string;
  readonly eventTypes?: readonly string[];
  readonly batchSize?: number;
  /** Polling fallback when no notification arrives (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long to wait after a wake-up before reading (default 0): the appends of that moment then
   * arrive in one page, for one transaction of the handler's instead of one each. For readers no
   * request waits on; every event reaches them that much later.
   */
  readonly lingerMs?: number;
  /**
   * For the same readers: while events keep coming, read at most once this often (default 0, no
   * limit). The first wake-up after a quiet spell still reads after `lingerMs`; under a steady stream
   * the reads come `paceMs` apart, each with everything appended since, so the handler's cost per
   * event falls as the stream grows instead of staying one transaction per few events. A caller of
   * `caughtUp()` ends the wait at once: it is only for when nobody is waiting.
   */
  readonly paceMs?: number;
  /**
   * Called with each batch in log order; the subscription only moves on after it resolves.
   * A throw stops the subscription and is reported through `onError`.
   */
  readonly handler: (events: RecordedEvent[], checkpoint: LogCheckpoint) => Promise<void>;
  /**
   * Optional: called when a read moved past events the filters left out and had none to hand over,
   * with the checkpoint it reached; the subscription moves on after it resolves (a throw stops it, as
   * from the handler). A reader that stores its checkpoint keeps it from falling behind this way.
   */
  readonly skipped?: (checkpoint: LogCheckpoint) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscription has caught up with the log as it stood when called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  append(tenantId: string, streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(tenantId: string, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams of one tenant read forward in one round trip, each from its own version: one
   * list per request, in the order requested (an absent stream, or one not yet at that version,
   * gives an empty list). All lists come from one snapshot of the store.
   */
  readStreamTails(tenantId: string, streams: readonly StreamTailRequest[], options?: ReadStreamTailsOptions): Promise<RecordedEvent[][]>;
  /** The current version of a stream; 0 when it does not exist. */
  streamVersion(tenantId: string, streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Where the last committed event sits in the global log (LOG_START when the log is empty). */
  logHead(): Promise<LogCheckpoint>;
  /** Catch-up then live: woken by LISTEN/NOTIFY where the engine has it, with polling as a fallback. */
  subscribe(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}
