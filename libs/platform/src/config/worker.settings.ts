/** Settings only the worker reads. */
import { z } from 'zod';
import { integerSetting } from './setting-types';

export const workerSettings = {
  STEPWISE_PROJECTION_BATCH_SIZE: integerSetting(500, 1, 10_000),
  STEPWISE_PROJECTION_POLL_MS: integerSetting(1000, 10, 60_000),
  // The analytics, the nudge policy and the webhook fan-out (nobody's request waits on them) read this
  // long after a wake-up, so a busy moment's events reach them as one batch, not one batch each.
  STEPWISE_BACKGROUND_LINGER_MS: integerSetting(20, 0, 1_000),
  // The analytics and the webhook fan-out (not the nudge policy: delivery judges relevance on what it
  // has read) read at most this often while events keep coming, so under load each batch carries
  // everything since the last instead of a few events (the first after a quiet spell still goes
  // after the linger alone).
  STEPWISE_BACKGROUND_PACE_MS: integerSetting(250, 0, 10_000),
  // Rebuilds replay the whole log: bigger batches mean fewer log reads, checkpoints and tenant
  // settings, and larger runs for batch projections. Not bigger still: a rebuild of analytics runs
  // beside live traffic, and each batch's transaction holds the log horizon while it lasts.
  STEPWISE_REBUILD_BATCH_SIZE: integerSetting(3000, 1, 10_000),
  // Nudge delivery (README, "Coaching nudges: how they travel", worker settings). The queue prefix keeps deployments sharing a Redis apart.
  STEPWISE_NUDGE_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 letters, digits, "_" or "-"').default('stepwise'),
  STEPWISE_NUDGE_CONCURRENCY: integerSetting(16, 1, 256),
  STEPWISE_NUDGE_MAX_ATTEMPTS: integerSetting(12, 1, 50),
  STEPWISE_NUDGE_BACKOFF_BASE_MS: integerSetting(10_000, 10, 3_600_000),
  STEPWISE_NUDGE_BACKOFF_CAP_MS: integerSetting(3_600_000, 10, 86_400_000),
  STEPWISE_NUDGE_LEASE_MS: integerSetting(60_000, 1_000, 3_600_000),
  STEPWISE_NUDGE_RELAY_POLL_MS: integerSetting(1_000, 10, 60_000),
  STEPWISE_NUDGE_RELAY_BATCH_SIZE: integerSetting(500, 1, 5_000),
  // While nudges keep coming, a relay pass at most this often, so each takes in and queues many (and
  // delivery settles them in fewer, larger batches); shorter than the background pace, as a nudge due
  // at once waits up to this much more.
  STEPWISE_NUDGE_RELAY_PACE_MS: integerSetting(100, 0, 10_000),
  STEPWISE_NUDGE_LOOKAHEAD_MS: integerSetting(3_600_000, 0, 7 * 86_400_000),
  // How long the nudge history keeps what delivery has finished with (nudge-history.retention.ts); 0 keeps it for good.
  // At least a week: the daily cap counts the deliveries of a member's day, and a dead letter needs time to be seen and replayed.
  STEPWISE_NUDGE_HISTORY_DAYS: integerSetting(180, 0, 36_500).refine((days) => days === 0 || days >= 7, 'expected 0 (keep it for good) or at least 7 days'),
};
