/**
 * The checks every journey command shares, in the order deciders apply them: who is acting
 * (subscription, participation, leadership), then the command's own fields, then the journey's state.
 */
import type { JourneyActor, JourneyCommandMetadata } from './journey.commands';
import {
  DuplicateIdError,
  JourneyClosedError,
  JourneyNotFoundError,
  JourneyPausedError,
  LeaderRequiredError,
  NotAParticipantError,
  SubscriptionInactiveError,
  TargetNotOnTeamError,
  VisionRequiredError,
} from './journey.errors';
import type { JourneyState, StartedJourney, Vision } from './journey.state';
import { isClosed, isIdUsed } from './journey.state';

export type Participant = JourneyActor & { readonly teamRole: 'LEADER' | 'STAFF' };

/** Any write: the team must be writable and the actor on the team. */
export const requireParticipant = ({ actor }: JourneyCommandMetadata): Participant => {
  if (!actor.teamWritable) throw new SubscriptionInactiveError(actor.teamSubscription);
  if (actor.teamRole === null) throw new NotAParticipantError(actor.memberId);
  return actor as Participant;
};

export const isLeader = (actor: Participant): boolean => actor.teamRole === 'LEADER';

/** Whether a member id is the actor's, now or before they were removed and added again: one person, one answer, their own work. */
export const isSamePerson = (actor: Pick<JourneyActor, 'memberId' | 'formerMemberIds'>, memberId: string): boolean => memberId === actor.memberId || actor.formerMemberIds.includes(memberId);

export const requireLeader = (metadata: JourneyCommandMetadata, action: string): Participant => {
  const actor = requireParticipant(metadata);
  if (!isLeader(actor)) throw new LeaderRequiredError(action);
  return actor;
};

/** A started journey, open or ended: for settling what was owed in it (a commitment kept or missed). */
export const requireStartedJourney = (state: JourneyState, journeyId: string): StartedJourney => {
  if (state.status === 'NOT_STARTED') throw new JourneyNotFoundError(journeyId);
  return state;
};

/** A started journey that is neither completed nor abandoned. */
export const requireOpenJourney = (state: JourneyState, journeyId: string): StartedJourney => {
  const journey = requireStartedJourney(state, journeyId);
  if (isClosed(journey)) throw new JourneyClosedError(journey.journeyId, journey.status);
  return journey;
};

export const requireNotPaused = (journey: StartedJourney): void => {
  if (journey.status === 'PAUSED') throw new JourneyPausedError(journey.journeyId);
};

export const requireVision = (journey: StartedJourney): Vision => {
  if (!journey.vision) throw new VisionRequiredError(journey.journeyId);
  return journey.vision;
};

export const requireUnusedId = (journey: StartedJourney, field: string, id: string): void => {
  if (isIdUsed(journey, id)) throw new DuplicateIdError(field, id);
};

/** The fields every journey event carries. */
export const eventBase = (journey: StartedJourney, metadata: JourneyCommandMetadata) => ({
  journeyId: journey.journeyId,
  teamId: journey.teamId,
  at: metadata.now.toISOString(),
});

/** Checked after who may act: the member a step or commitment is for must be on the team. */
export const requireTargetOnTeam = (actor: JourneyActor): void => {
  if (actor.targetNotOnTeam) throw new TargetNotOnTeamError(actor.targetNotOnTeam.memberId, actor.targetNotOnTeam.field);
};
