/**
 * How one attempt at a delivery ends: the sender's outcome (a sender that throws broke its contract,
 * and that counts as a retryable failure) and what that outcome means for the delivery, recorded in
 * PostgreSQL without the signed links the message carried (attempt-record.ts).
 */
import { nextRetryDelay, type DeliveryOutcome, type RetryPolicy } from '@stepwise/integrations';
import type { Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';
import { attemptRecordOf, senderFaultOf } from './attempt-record';
import type { Delivery, DeliveryChannel } from './delivery.records';
import type { AttemptConclusion, DeliveryStore } from './delivery.store';
import { NUDGE_WEBHOOK_TYPE } from './delivery.ports';

export interface AttemptConclusionDependencies {
  readonly store: DeliveryStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly settings: { readonly retry: Omit<RetryPolicy, 'maxAttempts'> };
}

/** What an attempt came to for its delivery; 'skipped' when its lease had run out and a later attempt decides. */
export type ConcludedAttempt = 'delivered' | 'retrying' | 'dead' | 'skipped';

/**
 * A sender that throws broke its contract; the attempt is recorded as retryable and the fault
 * logged, without the signed links the message carried (its error may quote what it sent).
 */
export const sendSafely = async (logger: Logger, channel: DeliveryChannel, send: () => Promise<DeliveryOutcome>, linkTokens: readonly string[] = []): Promise<DeliveryOutcome> => {
  try {
    return await send();
  } catch (error) {
    const fault = senderFaultOf(error, linkTokens);
    logger.error({ err: fault, channel }, 'a channel sender threw instead of answering an outcome');
    return { kind: 'retryable', statusCode: null, detail: `the ${channel} sender failed: ${fault.message}`, retryAfterMs: null };
  }
};

/** Records an attempt (without the signed links the message carried: see attempt-record.ts) and what it means for the delivery. */
export const concludeAttempt = async (
  deps: AttemptConclusionDependencies,
  delivery: Delivery,
  attempt: number,
  channel: DeliveryChannel,
  at: Date,
  outcome: DeliveryOutcome,
  durationMs: number,
  detail: string | null = outcome.detail,
  linkTokens: readonly string[] = [],
): Promise<ConcludedAttempt> => {
  const decision = nextRetryDelay(attempt, outcome, deps.random, { ...deps.settings.retry, maxAttempts: delivery.maxAttempts });
  const conclusion: AttemptConclusion = decision.retry
    ? { state: 'RETRYING', nextAttemptAt: new Date(deps.clock.now().getTime() + decision.delayMs) }
    : decision.reason === 'DELIVERED'
      ? { state: 'DELIVERED' }
      : { state: 'DEAD' };
  const current = await deps.store.conclude(delivery, attempt, channel, at, attemptRecordOf(outcome, durationMs, detail, linkTokens), conclusion);
  if (!current) {
    deps.logger.warn({ deliveryId: delivery.deliveryId, attempt }, 'an attempt finished after its lease ran out; recorded, and the later attempt decides');
    return 'skipped';
  }
  if (conclusion.state === 'DEAD') {
    // A webhook delivery may carry a domain event rather than a nudge: the line says which.
    const what = delivery.kind === 'WEBHOOK' && delivery.eventType !== NUDGE_WEBHOOK_TYPE ? `a webhook delivery of ${delivery.eventType}` : 'a nudge delivery';
    deps.logger.info({ deliveryId: delivery.deliveryId, tenantId: delivery.tenantId, channel, attempt, outcome: outcome.kind, statusCode: outcome.statusCode }, `${what} is dead: an admin can replay it`);
  }
  return conclusion.state === 'DELIVERED' ? 'delivered' : conclusion.state === 'DEAD' ? 'dead' : 'retrying';
};
