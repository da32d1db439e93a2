/** Where the journey is going (the vision) and how it is getting there (the direction, and pivots). */
import type { ArticulateVision, JourneyVisionCommand, MakePivot, ReviseVision, SetDirection } from './journey.commands';
import {
  DirectionAlreadySetError,
  DirectionRequiredError,
  PivotSameDirectionError,
  ReflectionNotFoundError,
  ReflectionOnEarlierDirectionError,
  ReflectionSaidCloserError,
  VisionAlreadyArticulatedError,
  VisionUnchangedError,
} from './journey.errors';
import type { JourneyEvent } from './journey.events';
import { eventBase, requireLeader, requireOpenJourney, requireUnusedId, requireVision } from './journey.guards';
import type { JourneyReflection, JourneyState, StartedJourney, Vision } from './journey.state';
import { requiredText } from '@stepwise/kernel';
import type { ValidVision } from './journey.validation';
import { DIRECTION_MAX_LENGTH, REASON_MAX_LENGTH, sameDirection, validId, validReflectionIds, validVision } from './journey.validation';

const articulateVision = ({ data, metadata }: ArticulateVision, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'articulate the vision');
  const vision = validVision(data);
  const journey = requireOpenJourney(state, data.journeyId);
  if (journey.vision) throw new VisionAlreadyArticulatedError(journey.journeyId);
  return [{ type: 'VisionArticulated', data: { ...eventBase(journey, metadata), version: 1, ...vision, articulatedBy: leader.memberId } }];
};

const sameVision = (current: Vision, next: ValidVision): boolean =>
  current.statement === next.statement &&
  JSON.stringify(current.expectations) === JSON.stringify(next.expectations) &&
  JSON.stringify(current.successSignals) === JSON.stringify(next.successSignals);

const reviseVision = ({ data, metadata }: ReviseVision, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'revise the vision');
  const vision = validVision(data);
  const reason = requiredText('reason', data.reason, REASON_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  const current = requireVision(journey);
  if (sameVision(current, vision)) throw new VisionUnchangedError(journey.journeyId, current.version);
  return [
    {
      type: 'VisionRevised',
      data: { ...eventBase(journey, metadata), version: current.version + 1, ...vision, reason, revisedBy: leader.memberId },
    },
  ];
};

/** The first direction. Later changes of direction are pivots, which carry a reason. */
const setDirection = ({ data, metadata }: SetDirection, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'set the direction');
  const direction = requiredText('direction', data.direction, DIRECTION_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  requireVision(journey);
  if (journey.direction !== null) throw new DirectionAlreadySetError(journey.journeyId);
  return [{ type: 'DirectionSet', data: { ...eventBase(journey, metadata), direction, setBy: leader.memberId } }];
};

/**
 * The reflections a pivot cites are those that prompted turning away from the current direction:
 * answered against it (recorded since it was set, so none an earlier pivot already turned away
 * from), and not "closer" ("unsure" may prompt a pivot as well as "not closer").
 */
const requireCitable = (journey: StartedJourney, reflectionIds: readonly string[]): void => {
  const cited = reflectionIds.map((id) => [id, journey.reflections.get(id) as JourneyReflection] as const);
  const earlier = cited.filter(([, reflection]) => reflection.directionNumber !== journey.directionNumber).map(([id]) => id);
  if (earlier.length > 0) throw new ReflectionOnEarlierDirectionError(earlier);
  const closer = cited.filter(([, reflection]) => reflection.closer === 'YES').map(([id]) => id);
  if (closer.length > 0) throw new ReflectionSaidCloserError(closer);
};

const makePivot = ({ data, metadata }: MakePivot, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'pivot');
  const pivotId = validId('pivotId', data.pivotId);
  const toDirection = requiredText('toDirection', data.toDirection, DIRECTION_MAX_LENGTH);
  const reason = requiredText('reason', data.reason, REASON_MAX_LENGTH);
  const reflectionIds = validReflectionIds(data.reflectionIds);
  const journey = requireOpenJourney(state, data.journeyId);
  const fromDirection = journey.direction;
  if (fromDirection === null) throw new DirectionRequiredError(journey.journeyId);
  if (sameDirection(fromDirection, toDirection)) throw new PivotSameDirectionError(fromDirection);
  const unknown = reflectionIds.filter((id) => !journey.reflections.has(id));
  if (unknown.length > 0) throw new ReflectionNotFoundError(unknown);
  requireCitable(journey, reflectionIds);
  requireUnusedId(journey, 'pivotId', pivotId);
  return [
    {
      type: 'PivotMade',
      data: { ...eventBase(journey, metadata), pivotId, fromDirection, toDirection, reason, reflectionIds, pivotedBy: leader.memberId },
    },
  ];
};

export const decideVision = (command: JourneyVisionCommand, state: JourneyState): JourneyEvent[] => {
  switch (command.type) {
    case 'ArticulateVision':
      return articulateVision(command, state);
    case 'ReviseVision':
      return reviseVision(command, state);
    case 'SetDirection':
      return setDirection(command, state);
    case 'MakePivot':
      return makePivot(command, state);
  }
};
