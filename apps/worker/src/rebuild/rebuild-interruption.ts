/**
 * Ctrl-C (SIGINT) or a process manager's SIGTERM during a rebuild: the rebuild is asked to stop after
 * the batch in hand, and the command then says where it got to and exits 128 + the signal's number
 * (130, 143), the shell's convention for a process ended by a signal.
 *
 * A signal repeated at once changes nothing: Ctrl-C reaches the process twice under `npm run` (from
 * the terminal to the process group, and forwarded by npm). One that comes FORCE_AFTER_MS or more
 * after the first (a person pressing Ctrl-C again because the rebuild is stuck, say waiting on a lock
 * inside a batch) stops the process at once: what was committed stays, as after `kill -9`, which the
 * embedded default survives.
 */
export interface RebuildInterruption {
  readonly signal: AbortSignal;
  /** The signal that asked the rebuild to stop, if one did. */
  readonly received: () => NodeJS.Signals | undefined;
  /** What a signal repeated FORCE_AFTER_MS or more after the first does (it should end the process). */
  readonly whenForced: (stop: (signal: NodeJS.Signals) => void) => void;
}

/** A second signal this long after the first is a person insisting, not the same Ctrl-C delivered twice. */
export const FORCE_AFTER_MS = 2_000;

const EXIT_CODES: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143 };

export const exitCodeFor = (signal: NodeJS.Signals): number => EXIT_CODES[signal] ?? 1;

export const listenForInterruption = (): RebuildInterruption => {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let receivedAt = 0;
  let stop = (signal: NodeJS.Signals): void => process.exit(exitCodeFor(signal));
  const interrupt = (signal: NodeJS.Signals): void => {
    if (received) {
      if (Date.now() - receivedAt >= FORCE_AFTER_MS) stop(signal);
      return;
    }
    received = signal;
    receivedAt = Date.now();
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return {
    signal: controller.signal,
    received: () => received,
    whenForced: (forced) => {
      stop = forced;
    },
  };
};
