/**
 * A worker closed while Redis answers lets its start-up finish first, for a bounded time: BullMQ's
 * stalled-job check, begun with the start-up, sets the timer of its next round (30 s) when its first
 * round ends, and a close that came sooner has already passed the moment it clears that timer. With
 * Redis unreachable there is nothing to wait for (the worker never began; see DeliveryWorker.start).
 */
export const START_UP_SETTLE_MS = 2_000;

export const settleStartUp = async (ready: Promise<unknown>, timeoutMs = START_UP_SETTLE_MS): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([ready.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
};
