/** The delivery path's records as the processors hold them, and the states they move through. */
import type { NudgeMessage } from '@stepwise/integrations';
import type { MemberChannel, OwedNudge, SuppressionReason } from '@stepwise/nudges-domain';
import type { WebhookPayload } from './delivery.ports';

export const DELIVERY_STATES = ['PENDING', 'SENDING', 'RETRYING', 'DELIVERED', 'SUPPRESSED', 'DEAD'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const MEMBER_NUDGE_STATES = ['SCHEDULED', 'DELIVERED', 'SUPPRESSED', 'DEAD', 'DISMISSED'] as const;
export type MemberNudgeState = (typeof MEMBER_NUDGE_STATES)[number];

export const ATTEMPT_OUTCOMES = ['DELIVERED', 'RETRYABLE', 'PERMANENT', 'UNKNOWN'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export type DeliveryChannel = MemberChannel | 'WEBHOOK';

/** A member delivery's payload: the owed nudge and its message, as the relay rendered it. */
export interface MemberDeliveryPayload {
  readonly nudge: OwedNudge;
  readonly message: NudgeMessage;
}

interface DeliveryBase {
  readonly deliveryId: string;
  readonly tenantId: string;
  readonly nudgeId: string | null;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly nextAttemptAt: Date;
  readonly leaseUntil: Date | null;
}

export interface MemberDelivery extends DeliveryBase {
  readonly kind: 'MEMBER';
  readonly memberId: string;
  readonly payload: MemberDeliveryPayload;
}

export interface WebhookDelivery extends DeliveryBase {
  readonly kind: 'WEBHOOK';
  readonly endpointId: string;
  readonly eventType: string;
  /** For a nudge's webhook, the member it is for (their opt-outs hold there too). */
  readonly memberId: string | null;
  readonly payload: WebhookPayload;
  /** A nudge webhook's owed nudge (its relevance is checked again before each attempt); null for a domain event. */
  readonly nudge: OwedNudge | null;
}

export type Delivery = MemberDelivery | WebhookDelivery;

/** What one attempt came to, as recorded. */
export interface AttemptRecord {
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly detail: string | null;
  readonly durationMs: number | null;
}

export type Suppression = { readonly reason: SuppressionReason; readonly detail: string };
