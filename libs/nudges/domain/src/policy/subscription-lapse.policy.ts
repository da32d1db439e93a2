/**
 * A team takes writes only while its subscription is TRIALING or ACTIVE (the tenancy domain's
 * `isWritable`); otherwise its journeys are read-only and a nudge asking for a step, a reflection
 * or an answer would ask for something the api refuses. Here: whether a team is writable as the
 * policy knows it, why not, and which events make it writable again.
 */
import type { SubscriptionStatus, TeamEvent } from '@stepwise/tenancy-domain';
import type { PolicyEvent } from './policy.events';
import type { SuppressionDetail } from './policy.decision';
import type { TeamDocument } from './policy.state';

const WRITABLE: readonly SubscriptionStatus[] = ['TRIALING', 'ACTIVE'];

export const isWritableStatus = (status: SubscriptionStatus): boolean => WRITABLE.includes(status);

/**
 * Why `team` is read-only, or null while it is writable. A team the policy does not know, or one
 * whose document was stored before the subscription was kept, is taken as writable: it had
 * journeys, so it was writable then, and its next subscription event records what it is now.
 */
export const subscriptionLapse = (team: TeamDocument | undefined): SuppressionDetail | null => {
  const status = team?.subscriptionStatus;
  if (status === undefined) return null;
  if (status === null) return 'TEAM_NOT_SUBSCRIBED';
  if (status === 'CANCELLED') return 'SUBSCRIPTION_CANCELLED';
  if (status === 'PAST_DUE') return 'SUBSCRIPTION_PAST_DUE';
  return null;
};

/**
 * Whether `team` was writable at `at` and has stayed so since (it did not become writable again
 * only after `at`): the weekly digest leaves out a team that was read-only at its Monday 09:00.
 */
export const writableThroughout = (team: TeamDocument | undefined, at: Date): boolean =>
  subscriptionLapse(team) === null && (team?.writableSince === undefined || Date.parse(team.writableSince) <= at.getTime());

type ReactivatingEvent = Extract<TeamEvent, { type: 'TeamSubscribed' | 'SubscriptionChanged' }>;

/**
 * Whether `event` makes a read-only team writable: a subscription (the first, which finds no
 * journeys, or a new one after cancelling), or a change from PAST_DUE to TRIALING or ACTIVE.
 */
export const makesWritable = (event: PolicyEvent): event is ReactivatingEvent =>
  event.type === 'TeamSubscribed' ||
  (event.type === 'SubscriptionChanged' && !isWritableStatus(event.data.fromStatus) && isWritableStatus(event.data.toStatus));
