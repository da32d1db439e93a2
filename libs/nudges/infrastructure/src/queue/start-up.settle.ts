/**
 * BullMQ checks the Redis version when a queue or worker connects. Closed while that check is in
 * flight, its connection re-emits the check's "Connection is closed" as an 'error' event after close
 * has removed every listener, and an error event nobody listens to is thrown. So a queue or worker
 * being closed first lets its start-up finish, for a bounded time: when Redis is down the start-up
 * waits for a connection that may never come, and closing must not wait for it.
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
