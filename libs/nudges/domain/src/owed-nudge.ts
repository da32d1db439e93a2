/**
 * What the nudge policy decides is owed: one nudge, to one member, under one rule, about one subject,
 * due at one instant. This is the outbox row's shape: the policy's processor writes it in the same
 * transaction as its checkpoint, and the relay and the delivery processors read nothing else to
 * schedule and address it.
 */
import type { NudgeRule } from './nudge-rules';

export interface NudgeSubject {
  readonly journeyId: string | null;
  readonly teamId: string | null;
  /** The step, commitment, support request, vision version or digest week the nudge is about. */
  readonly subjectId: string;
}

export interface OwedNudge {
  /** Deterministic from `dedupeKey` (a replay decides the same id), so a duplicate is dropped, never delivered twice. */
  readonly nudgeId: string;
  readonly organisationId: string;
  readonly rule: NudgeRule;
  readonly recipientId: string;
  readonly subject: NudgeSubject;
  /** Same rule, same recipient, same subject, same window: the same key. */
  readonly dedupeKey: string;
  /** When it is owed (ISO), after quiet hours and the recipient's timezone have deferred it. */
  readonly dueAt: string;
  /** The numbers behind the message, for its text and for the receiver (flat, JSON-safe). */
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
  /** The global position of the event that made it owed (decimal string). */
  readonly causedByPosition: string;
}

/**
 * Why a nudge was not delivered. Recorded with the nudge, never silently dropped. A nudge owed again
 * (the same rule, subject and window) has the same id and is written once: there is no second record
 * to carry a reason.
 */
export const SUPPRESSION_REASONS = [
  'NO_LONGER_RELEVANT',
  'JOURNEY_ENDED',
  'MEMBER_LEFT',
  'OPTED_OUT',
  'RULE_DISABLED',
  'DAILY_CAP_REACHED',
  'STALE',
  /** The team's subscription is not TRIALING or ACTIVE: its journeys are read-only, so nothing is asked of it. */
  'SUBSCRIPTION_INACTIVE',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
