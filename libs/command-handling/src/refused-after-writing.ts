/**
 * A command refused after it had written: a handler that checks a second stream only once its own
 * write is in (and then writes the undo) refuses with its usual error, but events are in the log. The
 * error carries where they end, so the api can wait until the read models hold them before it
 * answers, as it does for a success: the next query then reads the log as the refusal left it.
 */
import type { LogCheckpoint } from '@stepwise/event-store';

const WRITTEN_THROUGH = Symbol('written through');

/** `error`, marked as thrown after the command wrote up to `position` (unchanged when nothing was written). */
export const refusedAfterWriting = <E extends Error>(error: E, position: LogCheckpoint | undefined): E => {
  if (position) Object.defineProperty(error, WRITTEN_THROUGH, { value: position, enumerable: false });
  return error;
};

/** Where the writes of a command refused after writing end, or undefined for any other error. */
export const writtenBeforeRefusal = (error: unknown): LogCheckpoint | undefined =>
  typeof error === 'object' && error !== null ? ((error as Record<symbol, LogCheckpoint | undefined>)[WRITTEN_THROUGH] ?? undefined) : undefined;
