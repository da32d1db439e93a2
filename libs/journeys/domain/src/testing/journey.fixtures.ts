/** Test data builders for journey specs: actors, commands and event histories. */
import type { JourneyActor, JourneyCommand, JourneyCommandType } from '../journey.commands';
import type { JourneyEvent, JourneyEventType } from '../journey.events';

export const JOURNEY_ID = 'jny-1';
export const TEAM_ID = 'team-1';
export const NOW = new Date('2026-03-02T09:00:00.000Z');
export const AT = NOW.toISOString();

export const LEE: JourneyActor = { memberId: 'mem-lee', formerMemberIds: [], teamRole: 'LEADER', orgRole: 'MEMBER', teamWritable: true };
export const SAM: JourneyActor = { memberId: 'mem-sam', formerMemberIds: [], teamRole: 'STAFF', orgRole: 'MEMBER', teamWritable: true };
export const KIM: JourneyActor = { memberId: 'mem-kim', formerMemberIds: [], teamRole: 'STAFF', orgRole: 'MEMBER', teamWritable: true };
/** The same person removed from the organisation and added again (to the team, in the same role): a new member id. */
export const addedAgain = (actor: JourneyActor, memberId: string): JourneyActor => ({
  ...actor,
  memberId,
  formerMemberIds: [...actor.formerMemberIds, actor.memberId],
});
/** An org ADMIN who is not on the team. */
export const ADA: JourneyActor = { memberId: 'mem-ada', formerMemberIds: [], teamRole: null, orgRole: 'ADMIN', teamWritable: true };

type CommandOf<T extends JourneyCommandType> = Extract<JourneyCommand, { type: T }>;
type EventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

export const command = <T extends JourneyCommandType>(
  type: T,
  data: Omit<CommandOf<T>['data'], 'journeyId'>,
  actor: JourneyActor = LEE,
  now: Date = NOW,
): CommandOf<T> => ({ type, data: { journeyId: JOURNEY_ID, ...data }, metadata: { now, actor } }) as unknown as CommandOf<T>;

export const event = <T extends JourneyEventType>(type: T, data: Omit<EventOf<T>['data'], 'journeyId' | 'teamId' | 'at'>, at: string = AT): EventOf<T> =>
  ({ type, data: { journeyId: JOURNEY_ID, teamId: TEAM_ID, at, ...data } }) as unknown as EventOf<T>;

export const VISION = {
  statement: 'Every child reads for pleasure at home',
  expectations: ['Reading logs come back signed', 'Parents join a reading evening each term'],
  successSignals: ['Library loans double'],
};

export const started = (at: string = AT) => event('JourneyStarted', { title: 'Reading at home', startedBy: LEE.memberId }, at);
export const visionArticulated = (at: string = AT) => event('VisionArticulated', { version: 1, ...VISION, articulatedBy: LEE.memberId }, at);
export const directionSet = (direction = 'Weekly book swaps') => event('DirectionSet', { direction, setBy: LEE.memberId });
export const stepPlanned = (stepId: string, ownerId = SAM.memberId) =>
  event('StepPlanned', { stepId, title: `Step ${stepId}`, ownerId, dueOn: null, plannedBy: ownerId });
export const stepTaken = (stepId: string, ownerId = SAM.memberId) =>
  event('StepTaken', { stepId, ownerId, takenBy: ownerId, takenAt: AT });
export const stepDropped = (stepId: string, ownerId = SAM.memberId) =>
  event('StepDropped', { stepId, ownerId, reason: 'No longer useful', droppedBy: ownerId });
export const reflectionRecorded = (reflectionId: string, closer: 'YES' | 'NO' | 'UNSURE' = 'NO', stepId: string | null = null) =>
  event('ReflectionRecorded', {
    reflectionId,
    memberId: SAM.memberId,
    closer,
    comfort: 2,
    note: null,
    stepId,
    visionVersion: 1,
    direction: 'Weekly book swaps',
  });
export const supportRequested = (requestId: string, memberId = SAM.memberId) =>
  event('SupportRequested', { requestId, memberId, need: 'I am not sure how to start' });
export const commitmentMade = (commitmentId: string, memberId = SAM.memberId) =>
  event('CommitmentMade', { commitmentId, memberId, description: 'Run one book swap', dueOn: '2026-03-09', madeBy: memberId });
export const paused = () => event('JourneyPaused', { reason: 'Exam season', pausedBy: LEE.memberId });
export const completed = () => event('JourneyCompleted', { summary: null, completedBy: LEE.memberId });
export const abandoned = () => event('JourneyAbandoned', { reason: 'Merged into another journey', abandonedBy: LEE.memberId });

/** Started, with a vision and a direction. */
export const underway = (): JourneyEvent[] => [started(), visionArticulated(), directionSet()];

/** One valid command of every type, for rules that hold across all of them. */
export const oneOfEachCommand = (actor: JourneyActor = LEE): JourneyCommand[] => [
  command('StartJourney', { teamId: TEAM_ID, title: 'Reading at home' }, actor),
  command('ArticulateVision', VISION, actor),
  command('ReviseVision', { ...VISION, statement: 'Every child reads daily', reason: 'Aim higher' }, actor),
  command('SetDirection', { direction: 'Weekly book swaps' }, actor),
  command('MakePivot', { pivotId: 'pv-1', toDirection: 'Parent reading evenings', reason: 'Swaps did not help' }, actor),
  command('PlanStep', { stepId: 's-9', title: 'Ask the library' }, actor),
  command('TakeStep', { stepId: 's-1' }, actor),
  command('DropStep', { stepId: 's-1', reason: 'Not needed' }, actor),
  command('RecordReflection', { reflectionId: 'r-9', closer: 'YES', comfort: 3 }, actor),
  command('RequestSupport', { requestId: 'rq-9', need: 'A second pair of hands' }, actor),
  command('OfferSupport', { requestId: 'rq-1', message: 'Happy to help' }, actor),
  command('MakeCommitment', { commitmentId: 'c-9', description: 'Read with my class', dueOn: '2026-03-09' }, actor),
  command('KeepCommitment', { commitmentId: 'c-1' }, actor),
  command('MissCommitment', { commitmentId: 'c-1' }, actor),
  command('PauseJourney', { reason: 'Exam season' }, actor),
  command('ResumeJourney', {}, actor),
  command('CompleteJourney', {}, actor),
  command('AbandonJourney', { reason: 'Merged' }, actor),
];
