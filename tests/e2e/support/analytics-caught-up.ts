/**
 * Waits until the analytics processor's checkpoint has reached the log as it stands now: for a spec
 * whose answer depends on the last events written, where no count in the answer can tell a state
 * half projected from the final one (a journey paused but not yet resumed reads like one resumed).
 * The wait is read-your-writes' own (waitForPosition).
 */
import { ANALYTICS_PROCESSOR } from '@stepwise/analytics-infrastructure';
import { logHead } from '@stepwise/event-store';
import { waitForPosition } from '@stepwise/projections';
import type { Stepwise } from '../../support/stepwise-harness';

export const analyticsCaughtUp = async (stepwise: Stepwise, timeoutMs = 15_000): Promise<void> => {
  const { database } = stepwise.runtime;
  if (!(await waitForPosition(database, ANALYTICS_PROCESSOR, await logHead(database), timeoutMs))) {
    throw new Error(`${ANALYTICS_PROCESSOR} did not reach the log head within ${timeoutMs} ms`);
  }
};
