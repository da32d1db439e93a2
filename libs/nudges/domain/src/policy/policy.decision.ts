/**
 * What the policy answers for each nudge it considers: owed (the relay schedules it), or suppressed
 * with a reason (the relay moves it to the member's history and schedules nothing). The reason is
 * one of the contract's SUPPRESSION_REASONS; the detail says which fact made it so, for the history
 * and for the logs.
 */
import type { OwedNudge, SuppressionReason } from '../owed-nudge';

export const SUPPRESSION_DETAILS = [
  /** The organisation switched the rule off. */
  'RULE_DISABLED',
  /** The recipient opted out of the rule. */
  'OPTED_OUT',
  /** The recipient is not (or no longer) a member of the organisation. */
  'LEFT_ORGANISATION',
  /** The recipient is no longer on the journey's team. */
  'LEFT_TEAM',
  /** A leaders' nudge whose recipient no longer leads the team. */
  'NO_LONGER_LEADER',
  /** The member the nudge is about left the organisation or the team. */
  'SUBJECT_MEMBER_LEFT',
  'JOURNEY_COMPLETED',
  'JOURNEY_ABANDONED',
  'JOURNEY_PAUSED',
  /** The journey the nudge is about is not known to the policy. */
  'JOURNEY_UNKNOWN',
  /** The owner reflected on the step, or the member on the revised vision. */
  'REFLECTION_ARRIVED',
  /** A step was planned since the closer reflection. */
  'STEP_PLANNED',
  /** A step was taken since the quiet stretch began (or the journey, or its team's subscription, resumed), or since the closer reflection. */
  'STEP_TAKEN',
  /** A newer fact of the same kind took its place (a newer reflection, a newer vision). */
  'SUPERSEDED',
  /** The run of NO answers ended (a YES, or a pivot) before the nudge came due. */
  'NO_RUN_ENDED',
  /** A leader answered the support request. */
  'SUPPORT_ANSWERED',
  'COMMITMENT_KEPT',
  'COMMITMENT_MISSED',
  /** A "due tomorrow" reminder that would arrive on or after the due date. */
  'DUE_DATE_PASSED',
  /** A weekly digest that would arrive after its week. */
  'DIGEST_WEEK_OVER',
  /** The recipient already had their daily cap of nudges on their local day. */
  'DAILY_CAP_REACHED',
  /** Due longer ago than the staleness window when it was decided (a processor catching up on old history). */
  'STALE',
  /** The journey's team is read-only: its subscription is past due, */
  'SUBSCRIPTION_PAST_DUE',
  /** cancelled, */
  'SUBSCRIPTION_CANCELLED',
  /** or it was never subscribed. */
  'TEAM_NOT_SUBSCRIBED',
] as const;
export type SuppressionDetail = (typeof SUPPRESSION_DETAILS)[number];

export interface Suppression {
  readonly reason: SuppressionReason;
  readonly detail: SuppressionDetail;
}

export type PolicyDecision =
  | { readonly kind: 'OWED'; readonly nudge: OwedNudge }
  | ({ readonly kind: 'SUPPRESSED'; readonly nudge: OwedNudge } & Suppression);

/** Still owed, or suppressed with a reason. */
export type Relevance = { readonly relevant: true } | ({ readonly relevant: false } & Suppression);

export const RELEVANT: Relevance = { relevant: true };

export const suppressedBecause = (reason: SuppressionReason, detail: SuppressionDetail): Relevance => ({ relevant: false, reason, detail });
