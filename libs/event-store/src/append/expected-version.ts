import type { ExpectedVersion } from '../event-store.port';

/** Whether a stream at `actual` (0: absent) satisfies the expectation. */
export const expectationHolds = (expected: ExpectedVersion, actual: number): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  if (expected === 'stream-exists') return actual > 0;
  return actual === expected;
};
