/** The event store's error codes: stable, mapped once at the edge (see README.md). */
import { CodedError } from '@stepwise/kernel';
import type { ExpectedVersion, LogCheckpoint } from './event-store.port';

/** The stream is not at the version the caller expected; reload, decide again, retry. */
export class WrongExpectedVersionError extends CodedError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
    reason = 'the stream is not at the expected version',
  ) {
    super('WRONG_EXPECTED_VERSION', `Append to ${streamId} rejected: ${reason} (expected ${expected}, actual ${actual})`, {
      streamId,
      expected,
      actual,
    });
  }
}

/** One event, or one append, is over the documented size limits; nothing was written. */
export class EventTooLargeError extends CodedError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('EVENT_TOO_LARGE', message, details);
  }
}

/**
 * Some of the event ids are already stored, but not as exactly this append to this stream (another
 * stream, another tenant, or only part of the batch). Says nothing about where they are stored.
 */
export class DuplicateEventIdError extends CodedError {
  constructor(readonly eventIds: readonly string[]) {
    super('DUPLICATE_EVENT_ID', 'Some event ids are already stored by a different append', { eventIds });
  }
}

/**
 * `appendIn` lost a race, whatever the expected version: a concurrent append stored the same event
 * ids (the caller's transaction is aborted; the retry sees them and returns their original result),
 * or a transaction newer than the caller's appended to the stream first (the caller's cannot get
 * newer, so its events would land out of the log's order). Retry the unit of work.
 */
export class ConcurrentAppendError extends CodedError {
  constructor(streamId: string, why: 'same-events' | 'newer-transaction' = 'same-events') {
    super(
      'CONCURRENT_APPEND',
      why === 'same-events'
        ? `A concurrent append stored the same events in ${streamId}; retry the transaction`
        : `A newer transaction appended to ${streamId} first; retry the transaction`,
      { streamId },
    );
  }
}

/** Another runner of the same processor moved the checkpoint first; this batch's writes must roll back. */
export class CheckpointConflictError extends CodedError {
  constructor(
    readonly processor: string,
    readonly expected: LogCheckpoint,
    readonly actual: LogCheckpoint,
  ) {
    super('CHECKPOINT_CONFLICT', `Checkpoint of ${processor} moved concurrently`, { processor, expected, actual });
  }
}

export class SubscriptionStoppedError extends CodedError {
  constructor() {
    super('SUBSCRIPTION_STOPPED', 'The subscription was stopped');
  }
}
