import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { sharedSettings } from './shared.settings';

export type DatabaseConfig =
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly poolSize: number;
      readonly connectTimeoutMs: number;
      readonly migrateOnBoot: boolean;
    }
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly migrateOnBoot: boolean };

/** Where the secrets key comes from: the setting itself, or a file made on first use. */
export type SecretsConfig = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'file'; readonly file: string };

export interface SharedConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  readonly redis: { readonly url: string };
  readonly secrets: SecretsConfig;
}

type SharedSettings = z.infer<z.ZodObject<typeof sharedSettings>>;

/** Turns validated shared settings into the typed configuration the composition roots use. */
export const toSharedConfig = (settings: SharedSettings, cwd: string): SharedConfig => ({
  env: settings.STEPWISE_ENV,
  logLevel: settings.STEPWISE_LOG_LEVEL,
  database: settings.STEPWISE_DATABASE_URL
    ? {
        kind: 'postgres',
        url: settings.STEPWISE_DATABASE_URL,
        poolSize: settings.STEPWISE_DATABASE_POOL_SIZE,
        connectTimeoutMs: settings.STEPWISE_DATABASE_CONNECT_TIMEOUT_MS,
        migrateOnBoot: settings.STEPWISE_MIGRATE_ON_BOOT,
      }
    : { kind: 'pglite', dataDir: resolve(cwd, settings.STEPWISE_DATA_DIR), migrateOnBoot: settings.STEPWISE_MIGRATE_ON_BOOT },
  redis: { url: settings.STEPWISE_REDIS_URL },
  secrets: settings.STEPWISE_SECRETS_KEY
    ? { kind: 'key', key: settings.STEPWISE_SECRETS_KEY }
    : { kind: 'file', file: resolve(cwd, settings.STEPWISE_SECRETS_KEY_FILE ?? join(dirname(settings.STEPWISE_DATA_DIR), 'secrets-key')) },
});

/**
 * Settings set to nothing where what unset means would mix a deployment with another. Every other
 * empty setting reads as unset (`.env` templates leave them so), but a deployment passing on a
 * variable that is missing (`-e STEPWISE_DATABASE_URL=$DATABASE_URL`) would otherwise run on a new,
 * empty PGlite folder, taking writes that live only where that process runs; or, with the queue
 * prefix, share the default nudge queue with every other deployment on the same Redis.
 */
const SET_BUT_EMPTY: Readonly<Record<string, string>> = {
  STEPWISE_DATABASE_URL: 'give a postgres:// URL, or unset it to use the embedded database (STEPWISE_DATA_DIR)',
  STEPWISE_NUDGE_QUEUE_PREFIX: 'give the prefix that keeps this deployment’s nudge queue apart on a shared Redis, or unset it for the default (stepwise)',
};

export const setButEmptyProblems = (env: Readonly<Record<string, string | undefined>>): string[] =>
  Object.entries(SET_BUT_EMPTY)
    .filter(([key]) => env[key] === '')
    .map(([key, what]) => `${key}: set but empty; ${what}`);
