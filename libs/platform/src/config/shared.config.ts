import { resolve } from 'node:path';
import { z } from 'zod';
import { sharedSettings } from './shared.settings';

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number; readonly migrateOnBoot: boolean }
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly migrateOnBoot: boolean };

export interface SharedConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  readonly redis: { readonly url: string };
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
        migrateOnBoot: settings.STEPWISE_MIGRATE_ON_BOOT,
      }
    : { kind: 'pglite', dataDir: resolve(cwd, settings.STEPWISE_DATA_DIR), migrateOnBoot: settings.STEPWISE_MIGRATE_ON_BOOT },
  redis: { url: settings.STEPWISE_REDIS_URL },
});
