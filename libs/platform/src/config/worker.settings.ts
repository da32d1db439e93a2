/** Settings only the worker reads. */
import { integerSetting } from './setting-types';

export const workerSettings = {
  STEPWISE_PROJECTION_BATCH_SIZE: integerSetting(500, 1, 10_000),
  STEPWISE_PROJECTION_POLL_MS: integerSetting(1000, 10, 60_000),
  // Rebuilds replay the whole log: bigger batches mean fewer log reads, checkpoints and tenant
  // settings, and larger runs for batch projections. Not bigger still: a rebuild of analytics runs
  // beside live traffic, and each batch's transaction holds the log horizon while it lasts.
  STEPWISE_REBUILD_BATCH_SIZE: integerSetting(2000, 1, 10_000),
};
