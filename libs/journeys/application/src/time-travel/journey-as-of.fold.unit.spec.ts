import type { JourneyEvent } from '@stepwise/journeys-domain';
import { journeyAsOf, type VersionedJourneyEvent } from './journey-as-of.fold';

const base = { journeyId: 'j-1', teamId: 't-1' };
let version = 0;
const at = (day: number): string => `2026-03-0${day}T09:00:00.000Z`;
const event = <T extends JourneyEvent['type']>(type: T, day: number, data: Omit<Extract<JourneyEvent, { type: T }>['data'], keyof typeof base | 'at'>): VersionedJourneyEvent =>
  ({ event: { type, data: { ...base, at: at(day), ...data } }, version: ++version }) as unknown as VersionedJourneyEvent;

version = 0;
const story: VersionedJourneyEvent[] = [
  event('JourneyStarted', 1, { title: 'Calm Mondays', startedBy: 'lee' }),
  event('VisionArticulated', 1, { version: 1, statement: 'Calm', expectations: [], successSignals: [], articulatedBy: 'lee' }),
  event('StepPlanned', 2, { stepId: 's-1', title: 'Stand-up', ownerId: 'ada', dueOn: null, plannedBy: 'ada' }),
  // Recorded on day 5, taken on day 3.
  event('StepTaken', 5, { stepId: 's-1', ownerId: 'ada', takenBy: 'ada', takenAt: at(3) }),
  event('ReflectionRecorded', 5, { reflectionId: 'r-1', memberId: 'ada', closer: 'NO', comfort: 2, note: null, stepId: 's-1', visionVersion: 1, direction: null }),
  event('VisionRevised', 6, { version: 2, statement: 'Calmer', expectations: [], successSignals: [], reason: 'Too vague', revisedBy: 'lee' }),
];

describe('a journey as of an instant', () => {
  it('is nothing before it started', () => {
    expect(journeyAsOf(story, new Date('2026-03-01T08:59:59.999Z'))).toBeUndefined();
  });

  it('counts a step as taken from its takenAt, though it was recorded later', () => {
    const day4 = journeyAsOf(story, new Date(at(4)))!;
    expect(day4.steps).toEqual([expect.objectContaining({ stepId: 's-1', status: 'TAKEN', takenAt: new Date(at(3)) })]);
    expect(day4.tally).toEqual({ reflections: 0, people: 0, answers: [] });
    expect(day4.journey).toMatchObject({ version: 4, vision: { version: 1, statement: 'Calm', reason: null, by: 'lee' } });
  });

  it('never answers a last change after the instant it is as of: a step recorded late changed the journey when it was taken', () => {
    const day4 = journeyAsOf(story, new Date(at(4)))!;
    expect(day4.journey.updatedAt).toEqual(new Date(at(3)));
    // Once the recording instant has come, the journey reads as the live row does.
    expect(journeyAsOf(story, new Date(at(5)))!.journey.updatedAt).toEqual(new Date(at(5)));
  });

  it('includes what happened at exactly the instant, and nothing after it', () => {
    const day5 = journeyAsOf(story, new Date(at(5)))!;
    expect(day5.tally).toEqual({ reflections: 1, people: 1, answers: [{ memberId: 'ada', person: 'ada', comfort: 2, at: new Date(at(5)) }] });
    expect(day5.journey.vision?.version).toBe(1);
    expect(journeyAsOf(story, new Date(at(6)))!.journey.vision).toMatchObject({ version: 2, reason: 'Too vague', by: 'lee' });
  });
});

describe('the last step as of an instant', () => {
  version = 0;
  // Ada took her step on day 2 but recorded it on day 5; Bo planned his on day 3.
  const lateTake: VersionedJourneyEvent[] = [
    event('JourneyStarted', 1, { title: 'Calm Mondays', startedBy: 'lee' }),
    event('VisionArticulated', 1, { version: 1, statement: 'Calm', expectations: [], successSignals: [], articulatedBy: 'lee' }),
    event('StepPlanned', 2, { stepId: 's-ada', title: 'Stand-up', ownerId: 'ada', dueOn: null, plannedBy: 'ada' }),
    event('StepPlanned', 3, { stepId: 's-bo', title: 'Pair up', ownerId: 'bo', dueOn: null, plannedBy: 'bo' }),
    event('StepTaken', 5, { stepId: 's-ada', ownerId: 'ada', takenBy: 'ada', takenAt: '2026-03-02T12:00:00.000Z' }),
  ];
  const lastStepAsOf = (instant: string) => journeyAsOf(lateTake, new Date(instant))!.journey.lastStep;

  it('is the step moved most recently by then: a take recorded later counts from when it was taken', () => {
    expect(lastStepAsOf(at(4))).toMatchObject({ stepId: 's-bo', status: 'PLANNED' });
    // Between the take and Bo's plan, Ada's take was the latest move.
    expect(lastStepAsOf('2026-03-02T12:00:00.000Z')).toMatchObject({ stepId: 's-ada', status: 'TAKEN' });
  });

  it('reads as the live row once the take is recorded: the step moved last in the log', () => {
    expect(lastStepAsOf(at(5))).toMatchObject({ stepId: 's-ada', status: 'TAKEN' });
  });
});

describe('a step planned and taken afterwards, taken earlier', () => {
  version = 0;
  // Bo did something on day 3 and put it in the journey on day 5: planned and taken then, taken on day 3.
  const loggedLater: VersionedJourneyEvent[] = [
    event('JourneyStarted', 1, { title: 'Calm Mondays', startedBy: 'lee' }),
    event('VisionArticulated', 1, { version: 1, statement: 'Calm', expectations: [], successSignals: [], articulatedBy: 'lee' }),
    event('StepPlanned', 2, { stepId: 's-ada', title: 'Stand-up', ownerId: 'ada', dueOn: null, plannedBy: 'ada' }),
    event('StepPlanned', 5, { stepId: 's-bo', title: 'Called the pilot team', ownerId: 'bo', dueOn: null, plannedBy: 'bo' }),
    event('StepTaken', 5, { stepId: 's-bo', ownerId: 'bo', takenBy: 'bo', takenAt: '2026-03-03T12:00:00.000Z' }),
  ];

  it('is taken as of when it was taken, though it was planned only when it was recorded', () => {
    const day4 = journeyAsOf(loggedLater, new Date(at(4)))!;
    expect(day4.steps).toEqual([
      expect.objectContaining({ stepId: 's-ada', status: 'PLANNED' }),
      expect.objectContaining({ stepId: 's-bo', status: 'TAKEN', takenAt: new Date('2026-03-03T12:00:00.000Z'), plannedAt: new Date(at(5)) }),
    ]);
    expect(day4.journey).toMatchObject({ version: 5, updatedAt: new Date('2026-03-03T12:00:00.000Z'), lastStep: { stepId: 's-bo', status: 'TAKEN' } });
  });

  it('is not there before it was taken', () => {
    const before = journeyAsOf(loggedLater, new Date('2026-03-03T11:59:59.999Z'))!;
    expect(before.steps.map(({ stepId }) => stepId)).toEqual(['s-ada']);
    expect(before.journey).toMatchObject({ version: 3, updatedAt: new Date(at(2)), lastStep: { stepId: 's-ada' } });
  });
});
