/** Settings only the worker reads. */
import { integerSetting } from './setting-types';

export const workerSettings = {
  STEPWISE_PROJECTION_BATCH_SIZE: integerSetting(500, 1, 10_000),
  STEPWISE_PROJECTION_POLL_MS: integerSetting(1000, 10, 60_000),
};
