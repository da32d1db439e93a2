/**
 * Delivery settings for a spec on its own queue prefix: short timings, so retries and lost leases
 * play out in seconds. A spec overrides what its story turns on (the lease, the send timeout, the
 * attempts).
 */
import type { NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { redisUrl } from '../test-database';

export const testDeliverySettings = (queuePrefix: string, overrides: Partial<NudgeDeliverySettings> = {}): NudgeDeliverySettings => ({
  redisUrl: redisUrl(),
  queuePrefix,
  concurrency: 4,
  maxAttempts: 3,
  backoffBaseMs: 50,
  backoffCapMs: 200,
  leaseMs: 5_000,
  sendTimeoutMs: 2_000,
  relayPollMs: 100,
  relayBatchSize: 100,
  lookaheadMs: 60_000,
  ...overrides,
});
