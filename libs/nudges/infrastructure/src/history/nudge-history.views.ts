/** What the api shows of the delivery path: a member's nudges, and a tenant's deliveries and their attempts. */
import type { MemberChannel, NudgeRule, SuppressionReason } from '@stepwise/nudges-domain';
import type { AttemptOutcome, DeliveryChannel, DeliveryState, MemberNudgeState } from '../delivery/delivery.records';

export interface MemberNudgeView {
  readonly nudgeId: string;
  readonly memberId: string;
  readonly rule: NudgeRule;
  readonly title: string;
  readonly text: string;
  readonly state: MemberNudgeState;
  readonly suppressedReason: SuppressionReason | null;
  readonly channel: MemberChannel | null;
  readonly journeyId: string | null;
  readonly teamId: string | null;
  readonly dueAt: Date;
  readonly deliveredAt: Date | null;
  readonly dismissedAt: Date | null;
  readonly createdAt: Date;
}

export interface DeliveryView {
  readonly deliveryId: string;
  readonly kind: 'MEMBER' | 'WEBHOOK';
  readonly state: DeliveryState;
  readonly channel: DeliveryChannel | null;
  /** `nudge` or the domain event type a webhook delivery carries; null for a member's. */
  readonly eventType: string | null;
  readonly nudgeId: string | null;
  readonly memberId: string | null;
  readonly endpointId: string | null;
  readonly suppressedReason: SuppressionReason | null;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly nextAttemptAt: Date;
  readonly lastOutcome: AttemptOutcome | null;
  readonly lastStatusCode: number | null;
  readonly lastDetail: string | null;
  readonly lastAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly replays: number;
  readonly replayedAt: Date | null;
  readonly replayedBy: string | null;
}

export interface DeliveryAttemptView {
  readonly deliveryId: string;
  readonly attemptNumber: number;
  readonly at: Date;
  readonly channel: string;
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly detail: string | null;
  readonly durationMs: number | null;
}
