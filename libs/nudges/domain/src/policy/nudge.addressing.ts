/**
 * From "this is owed" to one nudge per recipient: a rule addressed to a team reaches each of its
 * current members (or only its leaders) who are in the organisation; each nudge's due instant is
 * moved out of its recipient's quiet hours; a rule the organisation switched off, or one the
 * recipient opted out of, becomes a recorded suppression instead of an owed nudge.
 */
import { DEFAULT_NUDGE_SETTINGS, type NudgeRule, type NudgeRuleSetting } from '../nudge-rules';
import type { NudgeSubject, OwedNudge } from '../owed-nudge';
import type { PolicyDecision } from './policy.decision';
import { dedupeKeyOf, nudgeIdOf } from './nudge.identity';
import { deferOutOfQuietHours } from './quiet-hours.policy';
import { own, type MemberDocument, type PolicyState } from './policy.state';
import { subscriptionLapse } from './subscription-lapse.policy';

export type NudgeFacts = OwedNudge['facts'];

export type Audience =
  | { readonly kind: 'member'; readonly memberId: string }
  /** The team's current members (`leadersOnly`: its LEADERs), less `except` (the member the nudge is about). */
  | { readonly kind: 'team'; readonly teamId: string; readonly leadersOnly: boolean; readonly except?: string };

/** A nudge owed under a rule, before it is addressed. */
export interface NudgeIntent {
  readonly rule: NudgeRule;
  readonly audience: Audience;
  readonly subject: NudgeSubject;
  /** When it is owed, before quiet hours: the triggering fact's time plus the rule's delay. */
  readonly scheduledAt: Date;
  readonly facts: NudgeFacts;
}

export const ruleSetting = (state: PolicyState, rule: NudgeRule): NudgeRuleSetting => state.settings?.rules[rule] ?? DEFAULT_NUDGE_SETTINGS[rule];

/** The rule's delay in milliseconds (none: 0). */
export const ruleDelayMs = (state: PolicyState, rule: NudgeRule): number => (ruleSetting(state, rule).delayMinutes ?? 0) * 60_000;

/** The rule's threshold, or the default one where the organisation left it unset. */
export const ruleThreshold = (state: PolicyState, rule: NudgeRule): number =>
  ruleSetting(state, rule).threshold ?? DEFAULT_NUDGE_SETTINGS[rule].threshold ?? 0;

/** The members a team-addressed nudge reaches now, in id order. */
export const teamRecipients = (state: PolicyState, teamId: string, leadersOnly: boolean, except?: string): string[] => {
  const team = own(state.teams, teamId);
  if (!team) return [];
  return Object.entries(team.members)
    .filter(([memberId, role]) => (!leadersOnly || role === 'LEADER') && memberId !== except && own(state.members, memberId)?.inOrganisation === true)
    .map(([memberId]) => memberId)
    .sort();
};

const recipientsOf = (state: PolicyState, audience: Audience): string[] =>
  audience.kind === 'member' ? [audience.memberId] : teamRecipients(state, audience.teamId, audience.leadersOnly, audience.except);

export const buildNudge = (
  organisationId: string,
  position: string,
  intent: NudgeIntent,
  recipientId: string,
  member: MemberDocument | undefined,
): OwedNudge => {
  const dedupeKey = dedupeKeyOf(intent.rule, recipientId, intent.subject);
  const dueAt = member ? deferOutOfQuietHours(intent.scheduledAt, member.timezone, member.quietHours) : intent.scheduledAt;
  return {
    nudgeId: nudgeIdOf(organisationId, dedupeKey),
    organisationId,
    rule: intent.rule,
    recipientId,
    subject: intent.subject,
    dedupeKey,
    dueAt: dueAt.toISOString(),
    facts: intent.facts,
    causedByPosition: position,
  };
};

/** One decision per recipient of the intent; nothing is owed about a read-only team's journeys. */
export const address = (state: PolicyState, organisationId: string, position: string, intent: NudgeIntent): PolicyDecision[] => {
  const enabled = ruleSetting(state, intent.rule).enabled;
  const lapse = intent.subject.teamId === null ? null : subscriptionLapse(own(state.teams, intent.subject.teamId));
  return recipientsOf(state, intent.audience).map((recipientId): PolicyDecision => {
    const member = own(state.members, recipientId);
    const nudge = buildNudge(organisationId, position, intent, recipientId, member);
    if (!enabled) return { kind: 'SUPPRESSED', nudge, reason: 'RULE_DISABLED', detail: 'RULE_DISABLED' };
    if (!member?.inOrganisation) return { kind: 'SUPPRESSED', nudge, reason: 'MEMBER_LEFT', detail: 'LEFT_ORGANISATION' };
    if (member.optedOut.includes(intent.rule)) return { kind: 'SUPPRESSED', nudge, reason: 'OPTED_OUT', detail: 'OPTED_OUT' };
    if (lapse) return { kind: 'SUPPRESSED', nudge, reason: 'SUBSCRIPTION_INACTIVE', detail: lapse };
    return { kind: 'OWED', nudge };
  });
};
