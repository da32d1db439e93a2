/**
 * Runs projections over the whole log once, as a processor starting on a database would: a runner
 * started, caught up with the log's head, and stopped. Its errors come back for the test to check
 * (`expect(errors).toEqual([])`), so a projection that fails is the test's failure, with its cause.
 */
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner, type ProjectionRunnerOptions } from '@stepwise/projections';

export const runProjectionsToTheEnd = async (storage: Storage, options: Omit<ProjectionRunnerOptions, 'onError'>): Promise<unknown[]> => {
  const errors: unknown[] = [];
  const runner = new ProjectionRunner(storage.database, storage.eventStore, { pollIntervalMs: 50, ...options, onError: (error) => errors.push(error) });
  await runner.start();
  try {
    await runner.caughtUp();
  } finally {
    await runner.stop();
  }
  return errors;
};
