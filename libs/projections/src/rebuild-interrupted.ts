/**
 * A rebuild stopped on request (Ctrl-C, or a process manager's SIGTERM): its runners finish the
 * batch in hand and stop, each checkpoint at what its processor has durably written.
 */
import { CodedError } from '@stepwise/kernel';
import type { ProjectionRunner } from './projection-runner';

export class RebuildInterruptedError extends CodedError {
  constructor() {
    super('REBUILD_INTERRUPTED', 'The rebuild was interrupted before it reached the log head');
  }
}

export const throwIfInterrupted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new RebuildInterruptedError();
};

/**
 * Resolves once every runner has caught up with the log; rejects with RebuildInterruptedError as
 * soon as `signal` aborts (the caller then stops the runners), or if it aborted before they caught up.
 */
export const caughtUpUnlessInterrupted = async (runners: readonly Pick<ProjectionRunner, 'caughtUp'>[], signal: AbortSignal | undefined): Promise<void> => {
  throwIfInterrupted(signal);
  let stopWaiting: (() => void) | undefined;
  const interrupted = new Promise<never>((_resolve, reject) => {
    stopWaiting = () => reject(new RebuildInterruptedError());
    signal?.addEventListener('abort', stopWaiting, { once: true });
  });
  try {
    await Promise.race([Promise.all(runners.map((runner) => runner.caughtUp())), interrupted]);
  } finally {
    if (stopWaiting) signal?.removeEventListener('abort', stopWaiting);
  }
  throwIfInterrupted(signal);
};
