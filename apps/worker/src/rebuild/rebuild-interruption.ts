/**
 * Ctrl-C (SIGINT) or a process manager's SIGTERM during a rebuild: the rebuild is asked to stop after
 * the batch in hand, and the command then says where it got to and exits 128 + the signal's number
 * (130, 143), the shell's convention for a process ended by a signal.
 *
 * A repeated signal changes nothing: Ctrl-C reaches the process twice under `npm run` (from the
 * terminal to the process group, and forwarded by npm), and exiting before the database is closed
 * could lose PGlite writes.
 */
export interface RebuildInterruption {
  readonly signal: AbortSignal;
  /** The signal that asked the rebuild to stop, if one did. */
  readonly received: () => NodeJS.Signals | undefined;
}

const EXIT_CODES: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143 };

export const exitCodeFor = (signal: NodeJS.Signals): number => EXIT_CODES[signal] ?? 1;

export const listenForInterruption = (): RebuildInterruption => {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const interrupt = (signal: NodeJS.Signals): void => {
    if (received) return;
    received = signal;
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return { signal: controller.signal, received: () => received };
};
