import { answerLinkSettings, readSettings, sharedSettings, toAnswerLinkConfig, toSharedConfig, workerSettings, type AnswerLinkConfig, type SharedConfig } from '@stepwise/platform';

export interface WorkerConfig extends SharedConfig {
  readonly projections: { readonly batchSize: number; readonly pollIntervalMs: number; readonly rebuildBatchSize: number };
  /** For the answer links nudges carry (the api verifies them with the same key). */
  readonly answerLinks: AnswerLinkConfig;
}

/** The worker's one configuration, read once at boot. */
export const loadWorkerConfig = (env: Readonly<Record<string, string | undefined>>, cwd: string): WorkerConfig => {
  const settings = readSettings({ ...sharedSettings, ...workerSettings, ...answerLinkSettings }, env);
  return {
    ...toSharedConfig(settings, cwd),
    projections: {
      batchSize: settings.STEPWISE_PROJECTION_BATCH_SIZE,
      pollIntervalMs: settings.STEPWISE_PROJECTION_POLL_MS,
      rebuildBatchSize: settings.STEPWISE_REBUILD_BATCH_SIZE,
    },
    answerLinks: toAnswerLinkConfig(settings, cwd),
  };
};

/** The one place the worker reads its process environment. */
export const loadWorkerConfigFromProcess = (): WorkerConfig => loadWorkerConfig(process.env, process.cwd());
