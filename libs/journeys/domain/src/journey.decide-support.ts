/**
 * Support and accountability: members ask for support and leaders respond; members commit to
 * something by a date, and the commitment is later kept or missed. Accountability outlives the
 * journey: once it is completed or abandoned it takes no new commitment, but the open ones can
 * still be marked kept or missed, so none is left open for good.
 */
import type { JourneySupportCommand, KeepCommitment, MakeCommitment, MissCommitment, OfferSupport, RequestSupport } from './journey.commands';
import {
  CommitmentAlreadyResolvedError,
  CommitmentNotFoundError,
  LeaderRequiredError,
  OwnSupportRequestError,
  SupportRequestNotFoundError,
} from './journey.errors';
import type { JourneyEvent } from './journey.events';
import { eventBase, isLeader, isSamePerson, requireLeader, requireOpenJourney, requireParticipant, requireStartedJourney, requireTargetOnTeam, requireUnusedId } from './journey.guards';
import type { Commitment, JourneyState, StartedJourney } from './journey.state';
import { ownEntry } from './journey.state';
import { requiredText } from '@stepwise/kernel';
import { COMMITMENT_DESCRIPTION_MAX_LENGTH, MESSAGE_MAX_LENGTH, NEED_MAX_LENGTH, validDueOn, validId } from './journey.validation';

const requestSupport = ({ data, metadata }: RequestSupport, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const requestId = validId('requestId', data.requestId);
  const need = requiredText('need', data.need, NEED_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  requireUnusedId(journey, 'requestId', requestId);
  return [{ type: 'SupportRequested', data: { ...eventBase(journey, metadata), requestId, memberId: actor.memberId, need } }];
};

/** A request may receive several offers (from several leaders, or over time, even after the journey ended), never from whoever asked. */
const offerSupport = ({ data, metadata }: OfferSupport, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'offer support');
  const message = requiredText('message', data.message, MESSAGE_MAX_LENGTH);
  // Someone who asked before the journey ended still needs an answer after it: like a commitment,
  // a request made while it ran can be answered once it has ended (new requests cannot be made).
  const journey = requireStartedJourney(state, data.journeyId);
  const request = ownEntry(journey.supportRequests, data.requestId);
  if (!request) throw new SupportRequestNotFoundError(data.requestId);
  // Answering one's own request (made under any member id they have had) would close it, and quiet
  // its nudges, with nobody having helped.
  if (isSamePerson(leader, request.memberId)) throw new OwnSupportRequestError(request.requestId);
  return [
    {
      type: 'SupportOffered',
      data: { ...eventBase(journey, metadata), requestId: request.requestId, requestedBy: request.memberId, leaderId: leader.memberId, message },
    },
  ];
};

const makeCommitment = ({ data, metadata }: MakeCommitment, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const memberId = data.memberId === undefined ? actor.memberId : validId('memberId', data.memberId);
  if (memberId !== actor.memberId && !isLeader(actor)) throw new LeaderRequiredError('make a commitment for someone else');
  requireTargetOnTeam(actor);
  const commitmentId = validId('commitmentId', data.commitmentId);
  const description = requiredText('description', data.description, COMMITMENT_DESCRIPTION_MAX_LENGTH);
  const dueOn = validDueOn('dueOn', data.dueOn, metadata.now);
  const journey = requireOpenJourney(state, data.journeyId);
  requireUnusedId(journey, 'commitmentId', commitmentId);
  return [
    { type: 'CommitmentMade', data: { ...eventBase(journey, metadata), commitmentId, memberId, description, dueOn, madeBy: actor.memberId } },
  ];
};

const requireOpenCommitment = (journey: StartedJourney, commitmentId: string): Commitment => {
  const commitment = ownEntry(journey.commitments, commitmentId);
  if (!commitment) throw new CommitmentNotFoundError(commitmentId);
  if (commitment.status !== 'OPEN') throw new CommitmentAlreadyResolvedError(commitmentId, commitment.status);
  return commitment;
};

/** The committing person (under any member id they have had) or a leader says it was kept. */
const keepCommitment = ({ data, metadata }: KeepCommitment, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const journey = requireStartedJourney(state, data.journeyId);
  const commitment = ownEntry(journey.commitments, data.commitmentId);
  if (commitment && !isSamePerson(actor, commitment.memberId) && !isLeader(actor)) {
    throw new LeaderRequiredError("mark someone else's commitment kept");
  }
  const { commitmentId, memberId } = requireOpenCommitment(journey, data.commitmentId);
  return [{ type: 'CommitmentKept', data: { ...eventBase(journey, metadata), commitmentId, memberId, markedBy: actor.memberId } }];
};

/** Holding people accountable is a leader's job: only a leader marks a commitment missed. */
const missCommitment = ({ data, metadata }: MissCommitment, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'mark a commitment missed');
  const journey = requireStartedJourney(state, data.journeyId);
  const { commitmentId, memberId } = requireOpenCommitment(journey, data.commitmentId);
  return [{ type: 'CommitmentMissed', data: { ...eventBase(journey, metadata), commitmentId, memberId, markedBy: leader.memberId } }];
};

export const decideSupport = (command: JourneySupportCommand, state: JourneyState): JourneyEvent[] => {
  switch (command.type) {
    case 'RequestSupport':
      return requestSupport(command, state);
    case 'OfferSupport':
      return offerSupport(command, state);
    case 'MakeCommitment':
      return makeCommitment(command, state);
    case 'KeepCommitment':
      return keepCommitment(command, state);
    case 'MissCommitment':
      return missCommitment(command, state);
  }
};
