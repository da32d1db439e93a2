import type { NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { ConfigError, publicUrlProblems, readSharedConfig, workerSettings, type AnswerLinkConfig, type OutboundConfig, type SharedConfig } from '@stepwise/platform/settings';

export interface WorkerConfig extends SharedConfig {
  readonly projections: {
    readonly batchSize: number;
    readonly pollIntervalMs: number;
    readonly rebuildBatchSize: number;
    /** How long the processors no request waits on (analytics, the nudge policy) wait after a wake-up before reading. */
    readonly backgroundLingerMs: number;
    /** How often, at most, the analytics read the log while events keep coming (the nudge policy keeps the linger alone). */
    readonly backgroundPaceMs: number;
  };
  /** For the answer links nudges carry (the api verifies them with the same key). */
  readonly answerLinks: AnswerLinkConfig;
  readonly nudges: NudgeDeliverySettings;
  /** How nudges go out: the same settings the api sends test messages with. */
  readonly outbound: OutboundConfig;
  /**
   * Whether a Slack app receives the buttons' interactions (the api has its signing secret): then a
   * reflection nudge sent with a bot token carries answer buttons, otherwise link buttons.
   */
  readonly slack: { readonly interactive: boolean };
  /** Days the nudge history keeps what delivery has finished with; 0 keeps it for good. */
  readonly nudgeHistoryDays: number;
}

/**
 * What the configuration is read for: `serve`, the worker delivering nudges (it needs everything a
 * nudge's links need); `maintain`, a command that only opens the database (migrate, the rebuilds).
 */
export type ConfigUse = 'serve' | 'maintain';

/** The worker's one configuration, read once at boot. */
export const loadWorkerConfig = (env: Readonly<Record<string, string | undefined>>, cwd: string, use: ConfigUse = 'serve'): WorkerConfig => {
  const { settings, shared, outbound, answerLinks, problems } = readSharedConfig(workerSettings, env, cwd);
  if (use === 'serve') problems.push(...publicUrlProblems(shared, env));
  if (settings.STEPWISE_NUDGE_LEASE_MS <= settings.STEPWISE_NUDGE_SEND_TIMEOUT_MS) {
    problems.push('STEPWISE_NUDGE_LEASE_MS: must be longer than STEPWISE_NUDGE_SEND_TIMEOUT_MS (an attempt must end before another may take its delivery over)');
  }
  if (settings.STEPWISE_NUDGE_BACKOFF_BASE_MS > settings.STEPWISE_NUDGE_BACKOFF_CAP_MS) {
    problems.push('STEPWISE_NUDGE_BACKOFF_BASE_MS: must not be above STEPWISE_NUDGE_BACKOFF_CAP_MS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...shared,
    projections: {
      batchSize: settings.STEPWISE_PROJECTION_BATCH_SIZE,
      pollIntervalMs: settings.STEPWISE_PROJECTION_POLL_MS,
      rebuildBatchSize: settings.STEPWISE_REBUILD_BATCH_SIZE,
      backgroundLingerMs: settings.STEPWISE_BACKGROUND_LINGER_MS,
      backgroundPaceMs: settings.STEPWISE_BACKGROUND_PACE_MS,
    },
    answerLinks,
    outbound,
    slack: { interactive: settings.STEPWISE_SLACK_SIGNING_SECRET !== undefined },
    nudgeHistoryDays: settings.STEPWISE_NUDGE_HISTORY_DAYS,
    nudges: {
      redisUrl: shared.redis.url,
      queuePrefix: settings.STEPWISE_NUDGE_QUEUE_PREFIX,
      concurrency: settings.STEPWISE_NUDGE_CONCURRENCY,
      maxAttempts: settings.STEPWISE_NUDGE_MAX_ATTEMPTS,
      backoffBaseMs: settings.STEPWISE_NUDGE_BACKOFF_BASE_MS,
      backoffCapMs: settings.STEPWISE_NUDGE_BACKOFF_CAP_MS,
      sendTimeoutMs: settings.STEPWISE_NUDGE_SEND_TIMEOUT_MS,
      leaseMs: settings.STEPWISE_NUDGE_LEASE_MS,
      relayPollMs: settings.STEPWISE_NUDGE_RELAY_POLL_MS,
      relayBatchSize: settings.STEPWISE_NUDGE_RELAY_BATCH_SIZE,
      lookaheadMs: settings.STEPWISE_NUDGE_LOOKAHEAD_MS,
      fanOutLingerMs: settings.STEPWISE_BACKGROUND_LINGER_MS,
      fanOutPaceMs: settings.STEPWISE_BACKGROUND_PACE_MS,
      relayPaceMs: settings.STEPWISE_NUDGE_RELAY_PACE_MS,
    },
  };
};

/** The one place the worker reads its process environment. */
export const loadWorkerConfigFromProcess = (use: ConfigUse = 'serve'): WorkerConfig => loadWorkerConfig(process.env, process.cwd(), use);
