/** Settings every Stepwise process reads: environment, logging, database and Redis. */
import { z } from 'zod';
import { booleanSetting, integerSetting, urlSetting } from './setting-types';

export const sharedSettings = {
  STEPWISE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  STEPWISE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: the embedded PGlite database in STEPWISE_DATA_DIR. */
  STEPWISE_DATABASE_URL: urlSetting(['postgres:', 'postgresql:']).optional(),
  STEPWISE_DATA_DIR: z.string().min(1).default('.stepwise/data'),
  STEPWISE_DATABASE_POOL_SIZE: integerSetting(20, 1, 200),
  STEPWISE_MIGRATE_ON_BOOT: booleanSetting(true),
  STEPWISE_REDIS_URL: urlSetting(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
};
