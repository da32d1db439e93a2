/**
 * Story fixtures for the nudge policy's specs: an organisation with one team (a leader and two
 * staff in different timezones), one journey, event builders, and given/when/then over the pure
 * policy. `@stepwise/nudges-domain/testing`; never exported by the main entry.
 */
import type { CloserAnswer, JourneyEvent, JourneyEventType } from '@stepwise/journeys-domain';
import type { QuietHours } from '@stepwise/tenancy-domain';
import { DEFAULT_NUDGE_SETTINGS, type NudgeRule, type NudgeRuleSetting, type NudgeSettings } from '../nudge-rules';
import type { PolicyEvent } from '../policy/policy.events';
import type { PolicyDecision, Relevance } from '../policy/policy.decision';
import { reactToEvent } from '../policy/policy.decide';
import { documentsForNudge, nudgeRelevance, subjectPersonDocumentsForNudge } from '../policy/nudge.relevance';
import { documentKeyName, requiredDocuments, rostersRequired } from '../policy/policy.documents';
import { decideWeeklyDigests } from '../policy/weekly-digest.policy';
import { documentsOf, emptyPolicyState, own, stateFromDocuments, type DocumentKey, type PolicyState } from '../policy/policy.state';
import type { OwedNudge } from '../owed-nudge';

export const ORG = 'org-1';
export const TEAM = 'team-1';
export const JOURNEY = 'jny-1';
/** Leads the team; in London. */
export const LEE = 'mem-lee';
/** Staff; in London. */
export const SAM = 'mem-sam';
/** Staff; in Auckland. */
export const KIM = 'mem-kim';
/** A second leader; in New York. */
export const NIA = 'mem-nia';

/** Monday 2 March 2026, 09:00 UTC (09:00 in London, 22:00 in Auckland). */
export const T0 = '2026-03-02T09:00:00.000Z';
export const minutesAfter = (at: string, minutes: number): string => new Date(Date.parse(at) + minutes * 60_000).toISOString();
export const hoursAfter = (at: string, hours: number): string => minutesAfter(at, hours * 60);
export const daysAfter = (at: string, days: number): string => minutesAfter(at, days * 24 * 60);

/** A fixture member's name: `mem-sam` is Sam. */
export const displayNameOf = (memberId: string): string => memberId.replace(/^mem-/, '').replace(/^./, (first) => first.toUpperCase());

export const memberJoined = (memberId: string, timezone = 'Europe/London', quietHours: QuietHours | null = null, at = T0, displayName = displayNameOf(memberId)): PolicyEvent => ({
  type: 'MemberJoined',
  data: {
    organisationId: ORG,
    memberId,
    subject: `sub-${memberId}`,
    displayName,
    email: null,
    orgRole: 'MEMBER',
    timezone,
    quietHours,
    addedBy: LEE,
    at,
  },
});
/** The person of `formerMemberId` (their sign-in subject), removed from the organisation and added again under `memberId`. */
export const memberAddedAgain = (formerMemberId: string, memberId: string, at = T0): PolicyEvent => ({
  type: 'MemberJoined',
  data: {
    organisationId: ORG,
    memberId,
    subject: `sub-${formerMemberId}`,
    displayName: displayNameOf(formerMemberId),
    email: null,
    orgRole: 'MEMBER',
    timezone: 'Europe/London',
    quietHours: null,
    addedBy: LEE,
    at,
  },
});
export const memberPreferencesUpdated = (memberId: string, timezone: string, quietHours: QuietHours | null, at = T0): PolicyEvent => ({
  type: 'MemberPreferencesUpdated',
  data: { organisationId: ORG, memberId, timezone, quietHours, updatedBy: memberId, at },
});
export const memberLeft = (memberId: string, at = T0): PolicyEvent => ({ type: 'MemberLeft', data: { organisationId: ORG, memberId, removedBy: LEE, at } });
export const teamCreated = (teamId = TEAM, at = T0): PolicyEvent => ({ type: 'TeamCreated', data: { teamId, organisationId: ORG, name: 'Year 4', createdBy: LEE, at } });
export const teamSubscribed = (teamId = TEAM, at = T0, status: 'TRIALING' | 'ACTIVE' = 'ACTIVE'): PolicyEvent => ({
  type: 'TeamSubscribed',
  data: { teamId, organisationId: ORG, plan: 'STARTER', status, subscribedBy: LEE, at },
});
export const subscriptionChanged = (
  fromStatus: 'TRIALING' | 'ACTIVE' | 'PAST_DUE',
  toStatus: 'TRIALING' | 'ACTIVE' | 'PAST_DUE',
  at = T0,
  teamId = TEAM,
): PolicyEvent => ({
  type: 'SubscriptionChanged',
  data: { teamId, organisationId: ORG, fromPlan: 'STARTER', toPlan: 'STARTER', fromStatus, toStatus, changedBy: LEE, at },
});
export const subscriptionCancelled = (at = T0, teamId = TEAM): PolicyEvent => ({
  type: 'SubscriptionCancelled',
  data: { teamId, organisationId: ORG, plan: 'STARTER', reason: null, cancelledBy: LEE, at },
});
export const teamMemberJoined = (memberId: string, role: 'LEADER' | 'STAFF', teamId = TEAM, at = T0): PolicyEvent => ({
  type: 'TeamMemberJoined',
  data: { teamId, organisationId: ORG, memberId, role, addedBy: LEE, at },
});
export const teamMemberRoleChanged = (memberId: string, fromRole: 'LEADER' | 'STAFF', toRole: 'LEADER' | 'STAFF', at = T0, teamId = TEAM): PolicyEvent => ({
  type: 'TeamMemberRoleChanged',
  data: { teamId, organisationId: ORG, memberId, fromRole, toRole, changedBy: LEE, at },
});
export const teamMemberLeft = (memberId: string, at = T0, teamId = TEAM): PolicyEvent => ({
  type: 'TeamMemberLeft',
  data: { teamId, organisationId: ORG, memberId, removedBy: LEE, at },
});

type EventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

/** A journey event of JOURNEY on TEAM at `at`. */
export const journeyEvent = <T extends JourneyEventType>(
  type: T,
  data: Omit<EventOf<T>['data'], 'journeyId' | 'teamId' | 'at'>,
  at: string = T0,
  journeyId = JOURNEY,
  teamId = TEAM,
): EventOf<T> => ({ type, data: { journeyId, teamId, at, ...data } }) as unknown as EventOf<T>;

export const journeyStarted = (at = T0, journeyId = JOURNEY, title = 'Reading at home', teamId = TEAM) =>
  journeyEvent('JourneyStarted', { title, startedBy: LEE }, at, journeyId, teamId);
export const visionArticulated = (at = T0) =>
  journeyEvent('VisionArticulated', { version: 1, statement: 'Every child reads at home', expectations: [], successSignals: [], articulatedBy: LEE }, at);
export const directionSet = (direction = 'Weekly book swaps', at = T0) => journeyEvent('DirectionSet', { direction, setBy: LEE }, at);
export const visionRevised = (version: number, at = T0) =>
  journeyEvent('VisionRevised', { version, statement: `Vision ${version}`, expectations: [], successSignals: [], reason: 'Learned more', revisedBy: LEE }, at);
export const stepPlanned = (stepId: string, ownerId = SAM, at = T0) => journeyEvent('StepPlanned', { stepId, title: `Step ${stepId}`, ownerId, dueOn: null, plannedBy: ownerId }, at);
export const stepTaken = (stepId: string, ownerId = SAM, at = T0, takenAt = at) => journeyEvent('StepTaken', { stepId, ownerId, takenBy: ownerId, takenAt }, at);
export const reflectionRecorded = (
  reflectionId: string,
  { closer = 'YES', comfort = 4, memberId = SAM, stepId = null, visionVersion = 1 }: { closer?: CloserAnswer; comfort?: number; memberId?: string; stepId?: string | null; visionVersion?: number } = {},
  at = T0,
) => journeyEvent('ReflectionRecorded', { reflectionId, memberId, closer, comfort, note: null, stepId, visionVersion, direction: null }, at);
export const pivotMade = (pivotId: string, at = T0) =>
  journeyEvent('PivotMade', { pivotId, fromDirection: 'a', toDirection: 'b', reason: 'Not closer', reflectionIds: [], pivotedBy: LEE }, at);
export const supportRequested = (requestId: string, memberId = SAM, at = T0) => journeyEvent('SupportRequested', { requestId, memberId, need: 'Unsure how to start' }, at);
export const supportOffered = (requestId: string, requestedBy = SAM, at = T0) =>
  journeyEvent('SupportOffered', { requestId, requestedBy, leaderId: LEE, message: 'Let us talk' }, at);
export const commitmentMade = (commitmentId: string, dueOn: string, memberId = SAM, at = T0) =>
  journeyEvent('CommitmentMade', { commitmentId, memberId, description: 'Run one book swap', dueOn, madeBy: memberId }, at);
export const commitmentKept = (commitmentId: string, memberId = SAM, at = T0) => journeyEvent('CommitmentKept', { commitmentId, memberId, markedBy: memberId }, at);
export const commitmentMissed = (commitmentId: string, memberId = SAM, at = T0) => journeyEvent('CommitmentMissed', { commitmentId, memberId, markedBy: LEE }, at);
export const journeyPaused = (at = T0) => journeyEvent('JourneyPaused', { reason: 'Exams', pausedBy: LEE }, at);
export const journeyResumed = (at = T0) => journeyEvent('JourneyResumed', { resumedBy: LEE }, at);
export const journeyCompleted = (at = T0) => journeyEvent('JourneyCompleted', { summary: null, completedBy: LEE }, at);
export const journeyAbandoned = (at = T0) => journeyEvent('JourneyAbandoned', { reason: 'Priorities changed', abandonedBy: LEE }, at);

export const settingsWith = (changes: Partial<Record<NudgeRule, Partial<NudgeRuleSetting>>>): NudgeSettings =>
  Object.fromEntries(
    Object.entries(DEFAULT_NUDGE_SETTINGS).map(([rule, setting]) => [rule, { ...setting, ...changes[rule as NudgeRule] }]),
  ) as unknown as NudgeSettings;

export const nudgeSettingsChanged = (rules: NudgeSettings, at = T0): PolicyEvent => ({
  type: 'NudgeSettingsChanged',
  data: { organisationId: ORG, rules, changedBy: LEE, at },
});
export const notificationPreferencesChanged = (memberId: string, optedOut: NudgeRule[], dailyCap = 3, at = T0): PolicyEvent => ({
  type: 'NotificationPreferencesChanged',
  data: { organisationId: ORG, memberId, channels: [{ channel: 'IN_APP', address: null }], optedOut, dailyCap, changedBy: memberId, at },
});

/** Lee leads; Sam (London) and Kim (Auckland) are staff; a subscribed team; one journey with a vision, all at T0. */
export const aTeamWithAJourney = (): PolicyEvent[] => [
  memberJoined(LEE, 'Europe/London'),
  memberJoined(SAM, 'Europe/London'),
  memberJoined(KIM, 'Pacific/Auckland'),
  teamCreated(),
  teamSubscribed(),
  teamMemberJoined(LEE, 'LEADER'),
  teamMemberJoined(SAM, 'STAFF'),
  teamMemberJoined(KIM, 'STAFF'),
  journeyStarted(),
  visionArticulated(),
  directionSet(),
];

/** A decision as specs read it. */
export interface DecisionSummary {
  readonly kind: 'OWED' | 'SUPPRESSED';
  readonly rule: NudgeRule;
  readonly to: string;
  readonly subject: string;
  readonly dueAt: string;
  readonly reason?: string;
}

export const summarise = (decision: PolicyDecision): DecisionSummary => ({
  kind: decision.kind,
  rule: decision.nudge.rule,
  to: decision.nudge.recipientId,
  subject: decision.nudge.subject.subjectId,
  dueAt: decision.nudge.dueAt,
  ...(decision.kind === 'SUPPRESSED' && { reason: `${decision.reason}/${decision.detail}` }),
});

const sortSummaries = (summaries: readonly DecisionSummary[]): DecisionSummary[] =>
  [...summaries].sort((a, b) => `${a.rule}/${a.to}/${a.subject}`.localeCompare(`${b.rule}/${b.to}/${b.subject}`));

/** When the log recorded a fixture event: as it happened (its own `at`), unless a spec says otherwise. */
export const recordedAtOf = (event: PolicyEvent): string => {
  const at = (event.data as { at?: unknown }).at;
  return typeof at === 'string' ? at : T0;
};

/** Folds history through the policy (decisions along the way are dropped: only the state is kept). */
export const stateAfter = (history: readonly PolicyEvent[], from: PolicyState = emptyPolicyState()): PolicyState =>
  history.reduce((state, event, index) => reactToEvent(state, { event, organisationId: ORG, position: String(index + 1), recordedAt: recordedAtOf(event) }).state, from);

export interface PolicyThen {
  readonly decisions: PolicyDecision[];
  readonly state: PolicyState;
  /** Exactly these decisions, in any order. */
  then(expected: readonly DecisionSummary[]): void;
}

export interface PolicyGiven {
  /** `recordedAt`: when the log recorded it (as it happened, its own `at`, unless given). */
  when(event: PolicyEvent, position?: string, recordedAt?: string): PolicyThen;
  /** The weekly digests a tick at `now` decides. */
  whenTicked(now: string): PolicyThen;
  /** The relevance of `nudge` at `now`, after the history and `later` events. */
  relevanceOf(nudge: OwedNudge, now: string, later?: readonly PolicyEvent[]): Relevance;
  readonly state: PolicyState;
}

const thenOf = (decisions: PolicyDecision[], state: PolicyState): PolicyThen => ({
  decisions,
  state,
  then: (expected) => {
    if (!Array.isArray(expected)) throw new TypeError('then() takes the expected decisions; do not await a policy spec');
    expect(sortSummaries(decisions.map(summarise))).toEqual(sortSummaries(expected));
  },
});

/**
 * The state the policy processor decides `event` with: only the documents the event names, asked for
 * again after each load until it names nothing new, and the members on the stored rosters of the
 * teams it names (nudge-policy.projection.ts). A rule that reads a document its event does not
 * name decides differently here than with the whole state, and its spec fails.
 */
const asTheProcessorLoads = (event: PolicyEvent, whole: PolicyState): PolicyState => {
  const stored = new Map(documentsOf(whole).map((entry) => [documentKeyName(entry.key), entry]));
  const loaded = new Map<string, ReturnType<typeof documentsOf>[number]>();
  const asked = new Set<string>();
  const load = (keys: readonly DocumentKey[]): void => {
    for (const key of keys) {
      const name = documentKeyName(key);
      asked.add(name);
      const found = stored.get(name);
      if (found) loaded.set(name, found);
    }
  };
  const rosterMembers = rostersRequired(event).flatMap((teamId) => Object.keys(own(whole.teams, teamId)?.members ?? {}).map((id): DocumentKey => ({ kind: 'member', id })));
  load([...requiredDocuments(event, emptyPolicyState()), ...rosterMembers]);
  for (let round = 0; round < 10; round += 1) {
    const state = stateFromDocuments(loaded.values());
    const missing = requiredDocuments(event, state).filter((key) => !asked.has(documentKeyName(key)));
    if (missing.length === 0) return state;
    load(missing);
  }
  throw new Error(`${event.type} keeps naming new documents`);
};

export const givenPolicy = (history: readonly PolicyEvent[]): PolicyGiven => {
  const state = stateAfter(history);
  return {
    state,
    // Decided as the processor decides it, from the documents the event names; the state after is the whole one.
    when: (event, position = '1000', recordedAt = recordedAtOf(event)) => {
      const input = { event, organisationId: ORG, position, recordedAt };
      return thenOf(reactToEvent(asTheProcessorLoads(event, state), input).decisions, reactToEvent(state, input).state);
    },
    whenTicked: (now) => thenOf(decideWeeklyDigests(state, ORG, new Date(now)), state),
    // Only the documents delivery loads for the nudge, so a relevance rule that reads another fails here.
    relevanceOf: (nudge, now, later = []) => {
      const stored = documentsOf(stateAfter(later, state));
      const read = (keys: readonly DocumentKey[]) => {
        const names = new Set(keys.map(documentKeyName));
        return stored.filter(({ key }) => names.has(documentKeyName(key)));
      };
      // As delivery reads them: the nudge's documents, then those its subject's person needs (see checkNudgeRelevance).
      const first = read(documentsForNudge(nudge));
      const documents = [...first, ...read(subjectPersonDocumentsForNudge(nudge, stateFromDocuments(first)))];
      return nudgeRelevance(stateFromDocuments(documents), nudge, new Date(now));
    },
  };
};

export const owed = (rule: NudgeRule, to: string, subject: string, dueAt: string): DecisionSummary => ({ kind: 'OWED', rule, to, subject, dueAt });
export const suppressed = (rule: NudgeRule, to: string, subject: string, dueAt: string, reason: string): DecisionSummary => ({
  kind: 'SUPPRESSED',
  rule,
  to,
  subject,
  dueAt,
  reason,
});
