/**
 * The change loop: plan a small step, take it, then reflect — "are we closer?" and, separately,
 * "how comfortable am I?". Staff own their steps; leaders may act on anyone's.
 */
import type { DropStep, JourneyStepCommand, PlanStep, RecordReflection, TakeStep } from './journey.commands';
import { CLOSER_ANSWERS } from './journey.commands';
import {
  LeaderRequiredError,
  StepAlreadyReflectedError,
  StepAlreadyTakenError,
  StepDroppedError,
  StepNotFoundError,
  StepNotTakenError,
} from './journey.errors';
import type { JourneyEvent } from './journey.events';
import type { Participant } from './journey.guards';
import { eventBase, isLeader, isSamePerson, requireNotPaused, requireOpenJourney, requireParticipant, requireTargetOnTeam, requireUnusedId, requireVision } from './journey.guards';
import type { JourneyState, JourneyStep, StartedJourney } from './journey.state';
import { integerInRange, oneOf, optionalText, requiredLine, requiredText } from '@stepwise/kernel';
import {
  COMFORT_MAX,
  COMFORT_MIN,
  NOTE_MAX_LENGTH,
  REASON_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  requireTakenWhileUnderWay,
  validDueOn,
  validId,
  validTakenAt,
} from './journey.validation';

const requireStep = (journey: StartedJourney, stepId: string): JourneyStep => {
  const step = journey.steps.get(stepId);
  if (!step) throw new StepNotFoundError(stepId);
  return step;
};

/** Staff act on their own steps (planned under any member id they have had); a LEADER on anyone's. */
const requireOwnerOrLeader = (actor: Participant, step: JourneyStep, action: string): void => {
  if (!isSamePerson(actor, step.ownerId) && !isLeader(actor)) throw new LeaderRequiredError(action);
};

const planStep = ({ data, metadata }: PlanStep, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const ownerId = data.ownerId === undefined ? actor.memberId : validId('ownerId', data.ownerId);
  if (ownerId !== actor.memberId && !isLeader(actor)) throw new LeaderRequiredError("plan a step for someone else");
  requireTargetOnTeam(actor);
  const stepId = validId('stepId', data.stepId);
  const title = requiredLine('title', data.title, TITLE_MAX_LENGTH);
  const dueOn = data.dueOn === undefined || data.dueOn === null ? null : validDueOn('dueOn', data.dueOn, metadata.now);
  const journey = requireOpenJourney(state, data.journeyId);
  requireNotPaused(journey);
  requireVision(journey);
  requireUnusedId(journey, 'stepId', stepId);
  return [{ type: 'StepPlanned', data: { ...eventBase(journey, metadata), stepId, title, ownerId, dueOn, plannedBy: actor.memberId } }];
};

const takeStep = ({ data, metadata }: TakeStep, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const takenAt = validTakenAt(data.takenAt, metadata.now);
  const journey = requireOpenJourney(state, data.journeyId);
  requireNotPaused(journey);
  requireTakenWhileUnderWay(takenAt, journey);
  const step = requireStep(journey, data.stepId);
  requireOwnerOrLeader(actor, step, "take someone else's step");
  if (step.status === 'DROPPED') throw new StepDroppedError(step.stepId);
  if (step.status === 'TAKEN') throw new StepAlreadyTakenError(step.stepId);
  return [
    { type: 'StepTaken', data: { ...eventBase(journey, metadata), stepId: step.stepId, ownerId: step.ownerId, takenBy: actor.memberId, takenAt } },
  ];
};

const dropStep = ({ data, metadata }: DropStep, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const reason = requiredText('reason', data.reason, REASON_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  const step = requireStep(journey, data.stepId);
  requireOwnerOrLeader(actor, step, "drop someone else's step");
  if (step.status === 'TAKEN') throw new StepAlreadyTakenError(step.stepId);
  if (step.status === 'DROPPED') throw new StepDroppedError(step.stepId);
  return [
    { type: 'StepDropped', data: { ...eventBase(journey, metadata), stepId: step.stepId, ownerId: step.ownerId, reason, droppedBy: actor.memberId } },
  ];
};

/** Any participant reflects, once (as a person) about each taken step, and about the journey as a whole whenever they like. */
const recordReflection = ({ data, metadata }: RecordReflection, state: JourneyState): JourneyEvent[] => {
  const actor = requireParticipant(metadata);
  const reflectionId = validId('reflectionId', data.reflectionId);
  const closer = oneOf('closer', data.closer, CLOSER_ANSWERS);
  const comfort = integerInRange('comfort', data.comfort, COMFORT_MIN, COMFORT_MAX);
  const note = optionalText('note', data.note, NOTE_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  const vision = requireVision(journey);
  const stepId = data.stepId === undefined || data.stepId === null ? null : validId('stepId', data.stepId);
  if (stepId !== null) {
    const status = requireStep(journey, stepId).status;
    if (status === 'DROPPED') throw new StepDroppedError(stepId);
    if (status !== 'TAKEN') throw new StepNotTakenError(stepId);
    // One answer per person per step, as the one-tap links hold it: a second would count twice in the
    // closer rate, also from someone removed and added again, who answered under their old member id.
    const reflected = journey.reflections.some((reflection) => reflection.stepId === stepId && isSamePerson(actor, reflection.memberId));
    if (reflected) throw new StepAlreadyReflectedError(stepId, actor.memberId);
  }
  requireUnusedId(journey, 'reflectionId', reflectionId);
  return [
    {
      type: 'ReflectionRecorded',
      data: {
        ...eventBase(journey, metadata),
        reflectionId,
        memberId: actor.memberId,
        closer,
        comfort,
        note,
        stepId,
        visionVersion: vision.version,
        direction: journey.direction,
      },
    },
  ];
};

export const decideSteps = (command: JourneyStepCommand, state: JourneyState): JourneyEvent[] => {
  switch (command.type) {
    case 'PlanStep':
      return planStep(command, state);
    case 'TakeStep':
      return takeStep(command, state);
    case 'DropStep':
      return dropStep(command, state);
    case 'RecordReflection':
      return recordReflection(command, state);
  }
};
