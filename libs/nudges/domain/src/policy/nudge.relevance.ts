/**
 * Whether a nudge is still owed when it comes due. Delivery asks this just before sending: a
 * reflection that arrived, a step planned, an answered support request, a journey that ended (or
 * paused, for the rules a pause silences), a recipient who left or opted out, a rule switched off since, a commitment kept or missed,
 * a team whose subscription lapsed (its journeys read-only):
 * each suppresses the nudge with its reason instead of sending something no longer true.
 */
import { addLocalDays, localDateOf, weekdayOf } from '@stepwise/kernel';
import type { NudgeRule } from '../nudge-rules';
import type { OwedNudge } from '../owed-nudge';
import { ruleSetting } from './nudge.addressing';
import { knownTimezone, instantAtLocal } from './local-time';
import { memberIdNowOf } from './person.identity';
import { digestTeamsOf } from './weekly-digest.policy';
import { RELEVANT, suppressedBecause, type Relevance } from './policy.decision';
import { own, SETTINGS_DOCUMENT_ID, type DocumentKey, type JourneyDocument, type MemberDocument, type PolicyState } from './policy.state';
import { subscriptionLapse } from './subscription-lapse.policy';

/** Rules addressed to the team's leaders; the others reach a member or the whole team. */
export const LEADER_RULES: readonly NudgeRule[] = ['CONSIDER_PIVOT', 'SUPPORT_LOW_COMFORT', 'SUPPORT_WAITING', 'STALLED_JOURNEY', 'WEEKLY_DIGEST'];

const subjectMemberOf = (nudge: OwedNudge): string | undefined => (typeof nudge.facts.memberId === 'string' ? nudge.facts.memberId : undefined);

/** The documents `nudgeRelevance` reads for a nudge: the processor loads these and no others. */
export const documentsForNudge = (nudge: OwedNudge): DocumentKey[] => {
  const keys: DocumentKey[] = [
    { kind: 'settings', id: SETTINGS_DOCUMENT_ID },
    { kind: 'member', id: nudge.recipientId },
  ];
  const subjectMember = subjectMemberOf(nudge);
  if (subjectMember && subjectMember !== nudge.recipientId) keys.push({ kind: 'member', id: subjectMember });
  if (nudge.subject.teamId) keys.push({ kind: 'team', id: nudge.subject.teamId });
  if (nudge.rule === 'WEEKLY_DIGEST') for (const teamId of digestTeamsOf(nudge) ?? []) keys.push({ kind: 'team', id: teamId });
  if (nudge.subject.journeyId) keys.push({ kind: 'journey', id: nudge.subject.journeyId });
  return keys;
};

/**
 * What `nudgeRelevance` reads besides, once the documents `documentsForNudge` names are loaded
 * (`loaded`): when the member a nudge is about has left the organisation, the documents of its
 * team's members now, among whom their person may be back under a new member id (memberIdNowOf).
 * Usually nothing, and no second read.
 */
export const subjectPersonDocumentsForNudge = (nudge: OwedNudge, loaded: PolicyState): DocumentKey[] => {
  const subjectMember = subjectMemberOf(nudge);
  const { teamId } = nudge.subject;
  if (!subjectMember || !teamId || own(loaded.members, subjectMember)?.inOrganisation !== false) return [];
  return Object.keys(own(loaded.teams, teamId)?.members ?? {})
    .filter((memberId) => own(loaded.members, memberId) === undefined)
    .sort()
    .map((memberId): DocumentKey => ({ kind: 'member', id: memberId }));
};

/**
 * What a pause silences: the nudges that ask for what a paused journey refuses (planning the next
 * step) or that a pause makes untrue (a stalled journey: it is resting, and its quiet stretch starts
 * again when it resumes). The rest is about what a paused journey still takes, or about a person:
 * a reflection on a step already taken, a pivot to consider, a revised vision to reflect on, a
 * support request still waiting, a commitment coming due or overdue (the analytics count it overdue
 * while paused). Suppressed when they came due, they would be lost for good: resuming owes them
 * nothing again.
 */
export const RULES_A_PAUSE_SILENCES: readonly NudgeRule[] = ['NEXT_STEP', 'STALLED_JOURNEY'];

const journeyStatusRelevance = (journey: JourneyDocument | undefined, rule: NudgeRule): Relevance => {
  if (!journey) return suppressedBecause('NO_LONGER_RELEVANT', 'JOURNEY_UNKNOWN');
  if (journey.status === 'COMPLETED') return suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED');
  if (journey.status === 'ABANDONED') return suppressedBecause('JOURNEY_ENDED', 'JOURNEY_ABANDONED');
  if (journey.status === 'PAUSED' && RULES_A_PAUSE_SILENCES.includes(rule)) return suppressedBecause('NO_LONGER_RELEVANT', 'JOURNEY_PAUSED');
  return RELEVANT;
};

const teamRelevance = (state: PolicyState, nudge: OwedNudge): Relevance => {
  const { teamId } = nudge.subject;
  const team = teamId ? own(state.teams, teamId) : undefined;
  if (!team || !teamId) return RELEVANT;
  const role = own(team.members, nudge.recipientId);
  if (!role) return suppressedBecause('MEMBER_LEFT', 'LEFT_TEAM');
  if (LEADER_RULES.includes(nudge.rule) && role !== 'LEADER') return suppressedBecause('NO_LONGER_RELEVANT', 'NO_LONGER_LEADER');
  const subjectMember = subjectMemberOf(nudge);
  // The member it is about as a person: removed and added again, they are on the team under a new id.
  const subjectNow = subjectMember && memberIdNowOf(state, subjectMember, teamId);
  if (subjectNow && (!own(state.members, subjectNow)?.inOrganisation || !own(team.members, subjectNow))) {
    return suppressedBecause('NO_LONGER_RELEVANT', 'SUBJECT_MEMBER_LEFT');
  }
  return RELEVANT;
};

/** The rule's own question: is the fact that made it owed still the case? */
const ruleRelevance = (journey: JourneyDocument, nudge: OwedNudge, recipient: MemberDocument, now: Date): Relevance => {
  const { subjectId } = nudge.subject;
  switch (nudge.rule) {
    case 'REFLECT':
      return own(journey.steps, subjectId)?.status === 'TAKEN' ? RELEVANT : suppressedBecause('NO_LONGER_RELEVANT', 'REFLECTION_ARRIVED');
    case 'NEXT_STEP':
      if (journey.lastReflection?.reflectionId !== subjectId) return suppressedBecause('NO_LONGER_RELEVANT', 'SUPERSEDED');
      if (journey.plannedSinceReflection) return suppressedBecause('NO_LONGER_RELEVANT', 'STEP_PLANNED');
      // A step planned before the reflection and taken after it: the team moved on without planning one.
      return journey.takenSinceReflection ? suppressedBecause('NO_LONGER_RELEVANT', 'STEP_TAKEN') : RELEVANT;
    case 'CONSIDER_PIVOT':
      return journey.noRun && `no-run-${journey.noRun.firstReflectionId}` === subjectId ? RELEVANT : suppressedBecause('NO_LONGER_RELEVANT', 'NO_RUN_ENDED');
    case 'SUPPORT_LOW_COMFORT':
      return RELEVANT;
    case 'SUPPORT_WAITING':
      return own(journey.openSupport, subjectId) ? RELEVANT : suppressedBecause('NO_LONGER_RELEVANT', 'SUPPORT_ANSWERED');
    case 'STALLED_JOURNEY':
      return `quiet-since-${journey.quietSince}` === subjectId ? RELEVANT : suppressedBecause('NO_LONGER_RELEVANT', 'STEP_TAKEN');
    case 'VISION_REVISED': {
      const version = Number(nudge.facts.visionVersion);
      if (journey.visionVersion !== version) return suppressedBecause('NO_LONGER_RELEVANT', 'SUPERSEDED');
      return (own(journey.reflectedOnVision, recipient.memberId) ?? 0) >= version ? suppressedBecause('NO_LONGER_RELEVANT', 'REFLECTION_ARRIVED') : RELEVANT;
    }
    case 'COMMITMENT_DUE':
    case 'COMMITMENT_OVERDUE': {
      const commitment = own(journey.commitments, subjectId);
      if (commitment?.status === 'KEPT') return suppressedBecause('NO_LONGER_RELEVANT', 'COMMITMENT_KEPT');
      if (commitment?.status === 'MISSED') return suppressedBecause('NO_LONGER_RELEVANT', 'COMMITMENT_MISSED');
      if (!commitment) return suppressedBecause('NO_LONGER_RELEVANT', 'JOURNEY_UNKNOWN');
      const today = localDateOf(now, knownTimezone(recipient.timezone));
      if (nudge.rule === 'COMMITMENT_DUE' && today >= commitment.dueOn) return suppressedBecause('NO_LONGER_RELEVANT', 'DUE_DATE_PASSED');
      return RELEVANT;
    }
    case 'WEEKLY_DIGEST':
      return RELEVANT;
  }
};

/** Whether the recipient still leads `teamId` (a team the policy does not know, they do not). */
const leadership = (state: PolicyState, teamId: string, recipientId: string): Relevance => {
  const team = own(state.teams, teamId);
  const role = team ? own(team.members, recipientId) : undefined;
  if (team && !role) return suppressedBecause('MEMBER_LEFT', 'LEFT_TEAM');
  return role === 'LEADER' ? RELEVANT : suppressedBecause('NO_LONGER_RELEVANT', 'NO_LONGER_LEADER');
};

/** Suppressed while the team is read-only (its subscription lapsed); a team the policy does not know is not. */
const subscriptionRelevance = (state: PolicyState, teamId: string | null): Relevance => {
  const lapse = teamId === null ? null : subscriptionLapse(own(state.teams, teamId));
  return lapse ? suppressedBecause('SUBSCRIPTION_INACTIVE', lapse) : RELEVANT;
};

/**
 * A digest is about its week: once the recipient's next Monday has begun, it is over. Its figures
 * are its teams' together, so a recipient who no longer leads any one of them, or one of whose
 * teams lapsed since, gets none of it.
 */
const digestRelevance = (state: PolicyState, nudge: OwedNudge, recipient: MemberDocument, now: Date): Relevance => {
  const teamIds = digestTeamsOf(nudge);
  if (teamIds?.length === 0) return suppressedBecause('NO_LONGER_RELEVANT', 'NO_LONGER_LEADER');
  for (const teamId of teamIds ?? []) {
    const led = leadership(state, teamId, recipient.memberId);
    if (!led.relevant) return led;
    const subscribed = subscriptionRelevance(state, teamId);
    if (!subscribed.relevant) return subscribed;
  }
  const week = String(nudge.facts.week ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || weekdayOf(week) !== 0) return RELEVANT;
  const over = instantAtLocal(addLocalDays(week, 7), 0, knownTimezone(recipient.timezone));
  return now.getTime() >= over.getTime() ? suppressedBecause('NO_LONGER_RELEVANT', 'DIGEST_WEEK_OVER') : RELEVANT;
};

/** Whether `nudge` is still owed at `now`, given the documents `documentsForNudge` names (and then `subjectPersonDocumentsForNudge`). */
export const nudgeRelevance = (state: PolicyState, nudge: OwedNudge, now: Date): Relevance => {
  const recipient = own(state.members, nudge.recipientId);
  if (!recipient?.inOrganisation) return suppressedBecause('MEMBER_LEFT', 'LEFT_ORGANISATION');
  if (!ruleSetting(state, nudge.rule).enabled) return suppressedBecause('RULE_DISABLED', 'RULE_DISABLED');
  if (recipient.optedOut.includes(nudge.rule)) return suppressedBecause('OPTED_OUT', 'OPTED_OUT');
  if (nudge.rule === 'WEEKLY_DIGEST') return digestRelevance(state, nudge, recipient, now);
  const subscribed = subscriptionRelevance(state, nudge.subject.teamId);
  if (!subscribed.relevant) return subscribed;
  const journey = nudge.subject.journeyId ? own(state.journeys, nudge.subject.journeyId) : undefined;
  const status = journeyStatusRelevance(journey, nudge.rule);
  if (!status.relevant || !journey) return status;
  const membership = teamRelevance(state, nudge);
  if (!membership.relevant) return membership;
  return ruleRelevance(journey, nudge, recipient, now);
};
