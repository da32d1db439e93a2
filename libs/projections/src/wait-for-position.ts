import { loadCheckpoint, type LogCheckpoint, type SqlExecutor } from '@stepwise/event-store';

export const isAtOrPast = (checkpoint: LogCheckpoint, position: LogCheckpoint): boolean =>
  checkpoint.txId > position.txId || (checkpoint.txId === position.txId && checkpoint.globalPosition >= position.globalPosition);

/**
 * Waits (bounded) until a processor's checkpoint reaches a log position, so a client can read its
 * own writes. Resolves true when reached, false on timeout; it never throws for lateness.
 */
export const waitForPosition = async (
  executor: SqlExecutor,
  processor: string,
  position: LogCheckpoint,
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  let pause = 1;
  for (;;) {
    if (isAtOrPast(await loadCheckpoint(executor, processor), position)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 25);
  }
};
