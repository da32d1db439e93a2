/**
 * Folds one event into the policy's documents. Pure and total: an event about a document that was
 * never created (a step of an unknown journey) changes nothing. Only the documents an event changes
 * are copied, so the processor stores exactly those.
 */
import { isJourneyEvent, type JourneyEvent } from '@stepwise/journeys-domain';
import { isTeamEvent, type OrganisationEvent, type TeamEvent, type TeamRole } from '@stepwise/tenancy-domain';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../notification-preferences';
import { isNudgePreferencesEvent, type NudgePreferencesEvent } from '../nudge-preferences.events';
import { ruleThreshold } from './nudge.addressing';
import { samePerson } from './person.identity';
import type { PolicyEvent } from './policy.events';
import { own, type JourneyDocument, type MemberDocument, type PolicyState, type TeamDocument } from './policy.state';
import { withActivity } from './recent-activity';
import { makesWritable } from './subscription-lapse.policy';

const put = <T>(record: Readonly<Record<string, T>>, id: string, value: T): Readonly<Record<string, T>> => ({ ...record, [id]: value });

const without = <T>(record: Readonly<Record<string, T>>, id: string): Readonly<Record<string, T>> => {
  if (!Object.hasOwn(record, id)) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));
};

const later = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);

const newMember = (memberId: string): MemberDocument => ({
  memberId,
  inOrganisation: false,
  timezone: 'UTC',
  quietHours: null,
  optedOut: DEFAULT_NOTIFICATION_PREFERENCES.optedOut,
  dailyCap: DEFAULT_NOTIFICATION_PREFERENCES.dailyCap,
});

const evolveOrganisation = (state: PolicyState, event: OrganisationEvent): PolicyState => {
  switch (event.type) {
    case 'MemberJoined':
    case 'MemberPreferencesUpdated': {
      const { memberId, timezone, quietHours } = event.data;
      const member = own(state.members, memberId) ?? newMember(memberId);
      const joined = event.type === 'MemberJoined' ? { inOrganisation: true, displayName: event.data.displayName, subject: event.data.subject } : {};
      return { ...state, members: put(state.members, memberId, { ...member, ...joined, timezone, quietHours }) };
    }
    case 'MemberLeft': {
      const member = own(state.members, event.data.memberId);
      return member ? { ...state, members: put(state.members, member.memberId, { ...member, inOrganisation: false }) } : state;
    }
    default:
      return state;
  }
};

/**
 * A team writable again: its active journeys start a new quiet stretch at `at`, as a resumed journey
 * does, so the stalled check counts from then and not from before the lapse (the journeys loaded).
 */
const restartQuietStretches = (state: PolicyState, team: TeamDocument, at: string): PolicyState => {
  let journeys = state.journeys;
  for (const journeyId of team.journeyIds) {
    const journey = own(journeys, journeyId);
    if (journey?.status === 'ACTIVE' && journey.quietSince !== later(journey.quietSince, at)) {
      journeys = put(journeys, journeyId, { ...journey, quietSince: at });
    }
  }
  return journeys === state.journeys ? state : { ...state, journeys };
};

/** The team's leaders' starts once `memberId` has `role` from `at`: kept while they go on leading, gone when they stop. */
const leadingAfter = (team: TeamDocument, memberId: string, role: TeamRole, at: string): Readonly<Record<string, string>> => {
  const leading = team.leadingSince ?? {};
  if (role !== 'LEADER') return without(leading, memberId);
  return own(leading, memberId) !== undefined || own(team.members, memberId) === 'LEADER' ? leading : put(leading, memberId, at);
};

const evolveTeam = (state: PolicyState, event: TeamEvent): PolicyState => {
  const { teamId } = event.data;
  const team = own(state.teams, teamId) ?? { teamId, members: {}, journeyIds: [] };
  switch (event.type) {
    case 'TeamCreated':
      return { ...state, teams: put(state.teams, teamId, { ...team, subscriptionStatus: team.subscriptionStatus ?? null }) };
    case 'TeamSubscribed':
    case 'SubscriptionChanged': {
      const subscriptionStatus = event.type === 'TeamSubscribed' ? event.data.status : event.data.toStatus;
      if (!makesWritable(event)) return { ...state, teams: put(state.teams, teamId, { ...team, subscriptionStatus }) };
      const writable: TeamDocument = { ...team, subscriptionStatus, writableSince: event.data.at };
      return restartQuietStretches({ ...state, teams: put(state.teams, teamId, writable) }, writable, event.data.at);
    }
    case 'SubscriptionCancelled':
      return { ...state, teams: put(state.teams, teamId, { ...team, subscriptionStatus: 'CANCELLED' }) };
    case 'TeamMemberJoined': {
      const { memberId, role, at } = event.data;
      return { ...state, teams: put(state.teams, teamId, { ...team, members: put(team.members, memberId, role), leadingSince: leadingAfter(team, memberId, role, at) }) };
    }
    case 'TeamMemberRoleChanged': {
      const { memberId, toRole, at } = event.data;
      return { ...state, teams: put(state.teams, teamId, { ...team, members: put(team.members, memberId, toRole), leadingSince: leadingAfter(team, memberId, toRole, at) }) };
    }
    case 'TeamMemberLeft':
      return {
        ...state,
        teams: put(state.teams, teamId, { ...team, members: without(team.members, event.data.memberId), leadingSince: without(team.leadingSince ?? {}, event.data.memberId) }),
      };
    default:
      return state;
  }
};

const evolvePreferences = (state: PolicyState, event: NudgePreferencesEvent): PolicyState => {
  if (event.type === 'NudgeSettingsChanged') return { ...state, settings: { rules: event.data.rules } };
  const { memberId, optedOut, dailyCap } = event.data;
  const member = own(state.members, memberId) ?? newMember(memberId);
  return { ...state, members: put(state.members, memberId, { ...member, optedOut, dailyCap }) };
};

/**
 * The run of NOs after one more NO. The pivot nudge is owed once per run, at the first NO that brings
 * it to the organisation's threshold as it is then: a run already past a threshold lowered since is
 * owed it at its next NO, and a run owed it is not owed it again when the threshold is raised.
 */
const oneMoreNo = (state: PolicyState, run: JourneyDocument['noRun'], reflectionId: string): NonNullable<JourneyDocument['noRun']> => {
  const threshold = ruleThreshold(state, 'CONSIDER_PIVOT');
  const count = (run?.count ?? 0) + 1;
  // A document stored before the run kept `pivotOwedAt` was owed it once its count reached the threshold.
  const owedAt = !run ? null : run.pivotOwedAt !== undefined ? run.pivotOwedAt : run.count >= threshold ? run.count : null;
  return { firstReflectionId: run?.firstReflectionId ?? reflectionId, count, pivotOwedAt: owedAt ?? (count >= threshold ? count : null) };
};

const evolveJourneyDocument = (state: PolicyState, journey: JourneyDocument, event: Exclude<JourneyEvent, { type: 'JourneyStarted' }>): JourneyDocument => {
  const { at } = event.data;
  switch (event.type) {
    case 'VisionArticulated':
    case 'VisionRevised':
      return { ...journey, visionVersion: event.data.version };
    case 'DirectionSet':
      // The run starts against the direction: NOs answered before there was one are not part of it.
      return { ...journey, directionSet: true, noRun: null };
    case 'StepPlanned': {
      const { stepId, ownerId, title } = event.data;
      return { ...journey, steps: put(journey.steps, stepId, { ownerId, title, status: 'PLANNED', takenAt: null }), plannedSinceReflection: true };
    }
    case 'StepTaken': {
      const { stepId, ownerId, takenAt } = event.data;
      const step = own(journey.steps, stepId);
      return {
        ...journey,
        steps: put(journey.steps, stepId, { ownerId, title: step?.title ?? '', status: 'TAKEN', takenAt }),
        quietSince: later(journey.quietSince, takenAt),
        takenSinceReflection: true,
        recent: withActivity(journey.recent, at, { kind: 'step', at: takenAt }),
      };
    }
    case 'StepDropped':
      return { ...journey, steps: without(journey.steps, event.data.stepId) };
    case 'ReflectionRecorded': {
      const { reflectionId, memberId, closer, comfort, stepId, visionVersion } = event.data;
      const step = own(journey.steps, stepId);
      // The owner as a person: removed and added again, they reflect under a new id on the step they own under the old one.
      const reflectedOnOwnStep = step !== undefined && step.status === 'TAKEN' && samePerson(state, step.ownerId, memberId) && stepId !== null;
      // Without a direction, "not closer" is against nothing a pivot could change: it starts no run.
      const directed = journey.directionSet !== false;
      const noRun = closer === 'YES' ? null : closer === 'NO' && directed ? oneMoreNo(state, journey.noRun, reflectionId) : journey.noRun;
      return {
        ...journey,
        steps: reflectedOnOwnStep ? without(journey.steps, stepId) : journey.steps,
        lastReflection: { reflectionId, closer, at },
        plannedSinceReflection: false,
        takenSinceReflection: false,
        noRun,
        reflectedOnVision: put(journey.reflectedOnVision, memberId, Math.max(own(journey.reflectedOnVision, memberId) ?? 0, visionVersion)),
        recent: withActivity(journey.recent, at, { kind: 'reflection', at, closer, comfort }),
      };
    }
    case 'PivotMade':
      return { ...journey, noRun: null };
    case 'SupportRequested':
      return { ...journey, openSupport: put(journey.openSupport, event.data.requestId, { memberId: event.data.memberId, requestedAt: at }) };
    case 'SupportOffered':
      return { ...journey, openSupport: without(journey.openSupport, event.data.requestId) };
    case 'CommitmentMade': {
      const { commitmentId, memberId, dueOn } = event.data;
      return { ...journey, commitments: put(journey.commitments, commitmentId, { memberId, dueOn, status: 'OPEN' }) };
    }
    case 'CommitmentKept':
    case 'CommitmentMissed': {
      const commitment = own(journey.commitments, event.data.commitmentId);
      if (!commitment) return journey;
      const status = event.type === 'CommitmentKept' ? 'KEPT' : 'MISSED';
      return { ...journey, commitments: put(journey.commitments, event.data.commitmentId, { ...commitment, status }) };
    }
    case 'JourneyPaused':
      return { ...journey, status: 'PAUSED' };
    case 'JourneyResumed':
      return { ...journey, status: 'ACTIVE', quietSince: later(journey.quietSince, at) };
    case 'JourneyCompleted':
      return { ...journey, status: 'COMPLETED' };
    case 'JourneyAbandoned':
      return { ...journey, status: 'ABANDONED' };
  }
};

const evolveJourney = (state: PolicyState, event: JourneyEvent): PolicyState => {
  const { journeyId, teamId, at } = event.data;
  if (event.type === 'JourneyStarted') {
    const journey: JourneyDocument = {
      journeyId,
      teamId,
      title: event.data.title,
      status: 'ACTIVE',
      quietSince: at,
      visionVersion: null,
      steps: {},
      lastReflection: null,
      plannedSinceReflection: false,
      directionSet: false,
      noRun: null,
      reflectedOnVision: {},
      openSupport: {},
      commitments: {},
      recent: [],
    };
    const team = own(state.teams, teamId) ?? { teamId, members: {}, journeyIds: [] };
    const journeyIds = team.journeyIds.includes(journeyId) ? team.journeyIds : [...team.journeyIds, journeyId];
    return { ...state, journeys: put(state.journeys, journeyId, journey), teams: put(state.teams, teamId, { ...team, journeyIds }) };
  }
  const journey = own(state.journeys, journeyId);
  if (!journey) return state;
  const next = { ...state, journeys: put(state.journeys, journeyId, evolveJourneyDocument(state, journey, event)) };
  if (event.type !== 'JourneyCompleted' && event.type !== 'JourneyAbandoned') return next;
  // An ended journey leaves the team's digest.
  const team = own(state.teams, journey.teamId);
  return team ? { ...next, teams: put(state.teams, team.teamId, { ...team, journeyIds: team.journeyIds.filter((id) => id !== journeyId) }) } : next;
};

/** The policy's state after `event`. */
export const evolvePolicy = (state: PolicyState, event: PolicyEvent): PolicyState => {
  if (isJourneyEvent(event)) return evolveJourney(state, event);
  if (isTeamEvent(event)) return evolveTeam(state, event);
  if (isNudgePreferencesEvent(event)) return evolvePreferences(state, event);
  return evolveOrganisation(state, event);
};
