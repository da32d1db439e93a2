/**
 * A rebuild stopped on request (Ctrl-C, or a process manager's SIGTERM): its runners finish the
 * batch in hand and stop, each checkpoint at what its processor has durably written.
 */
import { SubscriptionStoppedError } from '@stepwise/event-store';
import { CodedError } from '@stepwise/kernel';
import type { ProjectionRunner } from './projection-runner';

export class RebuildInterruptedError extends CodedError {
  /** `changedNothing`: stopped before it emptied, copied or wrote anything. */
  constructor(readonly changedNothing = false) {
    super('REBUILD_INTERRUPTED', 'The rebuild was interrupted before it reached the log head');
  }
}

export const throwIfInterrupted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new RebuildInterruptedError();
};

/** As throwIfInterrupted, where the rebuild has not yet changed anything: it says so. */
export const throwIfInterruptedBeforeStart = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new RebuildInterruptedError(true);
};

/** A rebuild runner whose lease ended under it (the session holding it was lost): it stopped following the log. */
export class RebuildLeaseLostError extends Error {
  constructor() {
    super('its lease ended: the database session holding it was lost');
  }
}

/**
 * Resolves once every runner has caught up with the log; rejects with RebuildInterruptedError as
 * soon as `signal` aborts (the caller then stops the runners), or if it aborted before they caught up.
 */
export const caughtUpUnlessInterrupted = async (runners: readonly Pick<ProjectionRunner, 'caughtUp' | 'leading'>[], signal: AbortSignal | undefined): Promise<void> => {
  throwIfInterrupted(signal);
  let stopWaiting: (() => void) | undefined;
  const interrupted = new Promise<never>((_resolve, reject) => {
    stopWaiting = () => reject(new RebuildInterruptedError());
    signal?.addEventListener('abort', stopWaiting, { once: true });
  });
  try {
    await Promise.race([Promise.all(runners.map((runner) => runner.caughtUp())), interrupted]);
  } catch (error) {
    // A runner that lost its lease stops its subscription: the cause is the lease, not the stop.
    if (error instanceof SubscriptionStoppedError && runners.some((runner) => !runner.leading)) throw new RebuildLeaseLostError();
    throw error;
  } finally {
    if (stopWaiting) signal?.removeEventListener('abort', stopWaiting);
  }
  throwIfInterrupted(signal);
};
