import { readSettings, sharedSettings, toSharedConfig, workerSettings, type SharedConfig } from '@stepwise/platform';

export interface WorkerConfig extends SharedConfig {
  readonly projections: { readonly batchSize: number; readonly pollIntervalMs: number; readonly rebuildBatchSize: number };
}

/** The worker's one configuration, read once at boot. */
export const loadWorkerConfig = (env: Readonly<Record<string, string | undefined>>, cwd: string): WorkerConfig => {
  const settings = readSettings({ ...sharedSettings, ...workerSettings }, env);
  return {
    ...toSharedConfig(settings, cwd),
    projections: {
      batchSize: settings.STEPWISE_PROJECTION_BATCH_SIZE,
      pollIntervalMs: settings.STEPWISE_PROJECTION_POLL_MS,
      rebuildBatchSize: settings.STEPWISE_REBUILD_BATCH_SIZE,
    },
  };
};

/** The one place the worker reads its process environment. */
export const loadWorkerConfigFromProcess = (): WorkerConfig => loadWorkerConfig(process.env, process.cwd());
