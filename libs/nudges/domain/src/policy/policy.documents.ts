/**
 * Which documents an event needs, so the processor loads only those. The answer can depend on what
 * is loaded already (a journey event needs its team's roster, then the roster's members, to address
 * its nudges): the processor asks again after each load until nothing new is named.
 */
import { isJourneyEvent } from '@stepwise/journeys-domain';
import { isTeamEvent } from '@stepwise/tenancy-domain';
import type { PolicyEvent } from './policy.events';
import { own, SETTINGS_DOCUMENT_ID, type DocumentKey, type PolicyState } from './policy.state';
import { makesWritable } from './subscription-lapse.policy';
import { newLeaderOf } from './team-leadership';

/** Journey events that can make a nudge owed: they need every member their nudges may reach. */
const DECIDING = new Set<string>(['JourneyStarted', 'JourneyResumed', 'StepTaken', 'ReflectionRecorded', 'SupportRequested', 'VisionRevised', 'CommitmentMade']);

const SETTINGS: DocumentKey = { kind: 'settings', id: SETTINGS_DOCUMENT_ID };

export const documentKeyName = (key: DocumentKey): string => `${key.kind}/${key.id}`;

/**
 * The teams whose members' documents `event` needs (its nudges may reach anyone on the roster): a
 * store can read them together with the team's document, in the same read.
 */
export const rostersRequired = (event: PolicyEvent): string[] => {
  if ((isJourneyEvent(event) && DECIDING.has(event.type)) || makesWritable(event)) return [event.data.teamId];
  const leader = newLeaderOf(event);
  return leader ? [leader.teamId] : [];
};

/**
 * What is owed about a team's active journeys: their documents, the settings and its roster's
 * members. A team writable again owes its leaders a stalled check; a new leader takes over what its
 * leaders are still owed.
 */
const activeJourneysDocuments = (teamId: string, state: PolicyState): DocumentKey[] => {
  const team = own(state.teams, teamId);
  if (!team) return [];
  return [
    SETTINGS,
    ...team.journeyIds.map((id): DocumentKey => ({ kind: 'journey', id })),
    ...Object.keys(team.members)
      .sort()
      .map((id): DocumentKey => ({ kind: 'member', id })),
  ];
};

export const requiredDocuments = (event: PolicyEvent, state: PolicyState): DocumentKey[] => {
  if (event.type === 'NudgeSettingsChanged') return [SETTINGS];
  if (event.type === 'NotificationPreferencesChanged') return [{ kind: 'member', id: event.data.memberId }];
  if (isTeamEvent(event)) {
    const team: DocumentKey = { kind: 'team', id: event.data.teamId };
    if (makesWritable(event)) return [team, ...activeJourneysDocuments(event.data.teamId, state)];
    const leader = newLeaderOf(event);
    // The new leader's own document too: the roster it is named from is the team's before the event.
    return leader ? [team, { kind: 'member', id: leader.memberId }, ...activeJourneysDocuments(event.data.teamId, state)] : [team];
  }
  if (!isJourneyEvent(event)) {
    return 'memberId' in event.data ? [{ kind: 'member', id: event.data.memberId }] : [];
  }
  const keys: DocumentKey[] = [
    { kind: 'journey', id: event.data.journeyId },
    { kind: 'team', id: event.data.teamId },
  ];
  if (!DECIDING.has(event.type)) return keys;
  keys.push(SETTINGS);
  const memberIds = new Set(rostersRequired(event).flatMap((teamId) => Object.keys(own(state.teams, teamId)?.members ?? {})));
  if (event.type === 'StepTaken') memberIds.add(event.data.ownerId);
  if (event.type === 'CommitmentMade') memberIds.add(event.data.memberId);
  // Whether a reflection is the step owner's own is asked of the person: the owner's id may be one
  // they had before they were removed and added again, off the roster now (known once the journey is).
  if (event.type === 'ReflectionRecorded') {
    const ownerId = own(own(state.journeys, event.data.journeyId)?.steps ?? {}, event.data.stepId)?.ownerId;
    if (ownerId !== undefined) memberIds.add(ownerId);
  }
  for (const memberId of [...memberIds].sort()) keys.push({ kind: 'member', id: memberId });
  return keys;
};
