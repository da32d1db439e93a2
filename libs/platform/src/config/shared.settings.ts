/** Settings every Stepwise process reads: environment, logging, database and Redis. */
import { z } from 'zod';
import { base64KeySetting, booleanSetting, integerSetting, textSetting, urlSetting } from './setting-types';

export const sharedSettings = {
  STEPWISE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  STEPWISE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: the embedded PGlite database in STEPWISE_DATA_DIR. */
  STEPWISE_DATABASE_URL: urlSetting(['postgres:', 'postgresql:']).optional(),
  STEPWISE_DATA_DIR: textSetting().default('.stepwise/data'),
  STEPWISE_DATABASE_POOL_SIZE: integerSetting(20, 1, 200),
  /**
   * How long opening a PostgreSQL session may take before it fails: at boot, a server that accepts
   * the connection and never answers is refused (DATABASE_UNREACHABLE) after this long.
   */
  STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: integerSetting(10_000, 100, 120_000),
  STEPWISE_MIGRATE_ON_BOOT: booleanSetting(true),
  /**
   * The key secrets are sealed under at rest (AES-256-GCM): webhook signing secrets, channel tokens.
   * Every process of a deployment needs the same one. Unset: a key made on first use in
   * STEPWISE_SECRETS_KEY_FILE (the embedded default, development and tests).
   */
  STEPWISE_SECRETS_KEY: base64KeySetting(32).optional(),
  /** Unset: `secrets-key` beside STEPWISE_DATA_DIR (PGlite keeps its folder to itself), `.stepwise/secrets-key` by default. */
  STEPWISE_SECRETS_KEY_FILE: textSetting().optional(),
  STEPWISE_REDIS_URL: urlSetting(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
};
