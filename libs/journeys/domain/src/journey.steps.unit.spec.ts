import { deciderSpec } from '@stepwise/kernel/testing';
import { journeyDecider } from './journey.decider';
import {
  KIM,
  AT,
  LEE,
  SAM,
  addedAgain,
  command,
  event,
  paused,
  reflectionRecorded,
  started,
  stepDropped,
  stepPlanned,
  stepTaken,
  underway,
  visionArticulated,
} from './testing/journey.fixtures';

const given = deciderSpec(journeyDecider);
/** Sam, removed from the organisation and added again: a new member id, the same person. */
const SAM_AGAIN = addedAgain(SAM, 'mem-sam-2');

describe('PlanStep', () => {
  it('lets STAFF plan a step for themself, with a due date', () => {
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Ask the library for 30 books', dueOn: '2026-03-06' }, SAM))
      .then([event('StepPlanned', { stepId: 's-1', title: 'Ask the library for 30 books', ownerId: SAM.memberId, dueOn: '2026-03-06', plannedBy: SAM.memberId })]);
  });

  it('lets a LEADER plan a step for someone else', () => {
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Draft the letter', ownerId: SAM.memberId }))
      .then([event('StepPlanned', { stepId: 's-1', title: 'Draft the letter', ownerId: SAM.memberId, dueOn: null, plannedBy: LEE.memberId })]);
  });

  it('plans a step once a vision exists, before any direction', () => {
    given([started(), visionArticulated()])
      .when(command('PlanStep', { stepId: 's-1', title: 'Try it' }, SAM))
      .then([event('StepPlanned', { stepId: 's-1', title: 'Try it', ownerId: SAM.memberId, dueOn: null, plannedBy: SAM.memberId })]);
  });

  it('refuses a step before the vision: VISION_REQUIRED', () => {
    given([started()]).when(command('PlanStep', { stepId: 's-1', title: 'Try it' }, SAM)).thenThrows('VISION_REQUIRED');
  });

  it('refuses STAFF planning a step for someone else: LEADER_REQUIRED', () => {
    given(underway()).when(command('PlanStep', { stepId: 's-1', title: 'Do it', ownerId: KIM.memberId }, SAM)).thenThrows('LEADER_REQUIRED');
  });

  it('names an owner off the team (TEAM_MEMBER_NOT_FOUND) only to whoever may plan for someone else: STAFF hear LEADER_REQUIRED first', () => {
    const ghost = { field: 'ownerId', memberId: 'mem-ghost' };
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Do it', ownerId: 'mem-ghost' }, { ...SAM, targetNotOnTeam: ghost }))
      .thenThrows('LEADER_REQUIRED');
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Do it', ownerId: 'mem-ghost' }, { ...LEE, targetNotOnTeam: ghost }))
      .thenThrows('TEAM_MEMBER_NOT_FOUND', ghost);
  });

  it('refuses a step while paused: JOURNEY_PAUSED', () => {
    given([...underway(), paused()]).when(command('PlanStep', { stepId: 's-1', title: 'Try it' }, SAM)).thenThrows('JOURNEY_PAUSED');
  });

  it('refuses a step id already used in the journey: DUPLICATE_ID', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('PlanStep', { stepId: 's-1', title: 'Again' }, SAM)).thenThrows('DUPLICATE_ID', { field: 'stepId', id: 's-1' });
  });

  it('treats inherited names such as "constructor" as ordinary, unused ids', () => {
    given(underway())
      .when(command('PlanStep', { stepId: 'constructor', title: 'Try it' }, SAM))
      .then([event('StepPlanned', { stepId: 'constructor', title: 'Try it', ownerId: SAM.memberId, dueOn: null, plannedBy: SAM.memberId })]);
  });

  it.each([
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['a due date that is not a date', { dueOn: '2026-02-30' }, 'dueOn'],
    ['a due date with a time', { dueOn: '2026-03-06T10:00:00Z' }, 'dueOn'],
    ['a due date in the past', { dueOn: '2026-02-27' }, 'dueOn'],
    ['a blank step id', { stepId: ' ' }, 'stepId'],
  ])('refuses %s: VALIDATION_FAILED', (_case, data, field) => {
    given(underway()).when(command('PlanStep', { stepId: 's-1', title: 'Try it', ...data }, SAM)).thenThrows('VALIDATION_FAILED', { field });
  });

  it('refuses yesterday in UTC once it is no longer today anywhere (from noon UTC): VALIDATION_FAILED', () => {
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Try it', dueOn: '2026-03-01' }, SAM, new Date('2026-03-02T12:00:00.000Z')))
      .thenThrows('VALIDATION_FAILED', { field: 'dueOn', reason: 'IN_THE_PAST', earliest: '2026-03-02' });
  });

  it('accepts a due date of yesterday in UTC, which is still today somewhere', () => {
    given(underway())
      .when(command('PlanStep', { stepId: 's-1', title: 'Try it', dueOn: '2026-03-01' }, SAM))
      .then([event('StepPlanned', { stepId: 's-1', title: 'Try it', ownerId: SAM.memberId, dueOn: '2026-03-01', plannedBy: SAM.memberId })]);
  });
});

describe('TakeStep', () => {
  const taken = (takenBy: string, takenAt = '2026-03-02T09:00:00.000Z') =>
    event('StepTaken', { stepId: 's-1', ownerId: SAM.memberId, takenBy, takenAt });

  it('lets the owner take their step', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('TakeStep', { stepId: 's-1' }, SAM)).then([taken(SAM.memberId)]);
  });

  it('lets a LEADER take anyone’s step', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('TakeStep', { stepId: 's-1' })).then([taken(LEE.memberId)]);
  });

  it('records when a step was taken earlier, normalised to UTC', () => {
    given([started('2026-03-01T09:00:00.000Z'), visionArticulated('2026-03-01T09:00:00.000Z'), stepPlanned('s-1')])
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-01T17:30:00+01:00' }, SAM))
      .then([taken(SAM.memberId, '2026-03-01T16:30:00.000Z')]);
  });

  it('takes a takenAt up to 5 s ahead (a client clock running fast) as now', () => {
    given([...underway(), stepPlanned('s-1')])
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-02T09:00:05Z' }, SAM))
      .then([taken(SAM.memberId, '2026-03-02T09:00:00.000Z')]);
  });

  it('refuses a takenAt in the future or malformed: VALIDATION_FAILED', () => {
    given([...underway(), stepPlanned('s-1')])
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-02T09:00:05.001Z' }, SAM))
      .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'IN_THE_FUTURE' });
    given([...underway(), stepPlanned('s-1')])
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-01 10:00' }, SAM))
      .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'INVALID_DATE_TIME' });
  });

  it('refuses a takenAt that names no real instant: VALIDATION_FAILED', () => {
    for (const takenAt of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:00+24:00']) {
      given([...underway(), stepPlanned('s-1')])
        .when(command('TakeStep', { stepId: 's-1', takenAt }, SAM))
        .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'INVALID_DATE_TIME' });
    }
  });

  it('refuses a takenAt before the journey began: VALIDATION_FAILED', () => {
    given([...underway(), stepPlanned('s-1')])
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-02T08:59:59.999Z' }, SAM))
      .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'BEFORE_JOURNEY_STARTED', earliest: AT });
  });

  it('refuses a takenAt before the journey had a vision: VALIDATION_FAILED naming when it had one', () => {
    const later = '2026-03-02T09:30:00.000Z';
    const history = [started(), visionArticulated(later), stepPlanned('s-1')];
    const now = new Date('2026-03-02T12:00:00.000Z');
    given(history)
      .when(command('TakeStep', { stepId: 's-1', takenAt: '2026-03-02T09:29:59.999Z' }, SAM, now))
      .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'BEFORE_VISION', earliest: later });
    given(history)
      .when(command('TakeStep', { stepId: 's-1', takenAt: later }, SAM, now))
      .then([event('StepTaken', { stepId: 's-1', ownerId: SAM.memberId, takenBy: SAM.memberId, takenAt: later }, now.toISOString())]);
  });

  it('refuses a takenAt inside a pause, once resumed: VALIDATION_FAILED naming the pause; either side of it is fine', () => {
    const pausedAt = '2026-03-02T10:00:00.000Z';
    const resumedAt = '2026-03-02T11:00:00.000Z';
    const history = [
      ...underway(),
      stepPlanned('s-1'),
      event('JourneyPaused', { reason: 'Exam season', pausedBy: LEE.memberId }, pausedAt),
      event('JourneyResumed', { resumedBy: LEE.memberId }, resumedAt),
    ];
    const now = new Date('2026-03-02T12:00:00.000Z');
    for (const takenAt of [pausedAt, '2026-03-02T10:30:00.000Z', '2026-03-02T10:59:59.999Z']) {
      given(history)
        .when(command('TakeStep', { stepId: 's-1', takenAt }, SAM, now))
        .thenThrows('VALIDATION_FAILED', { field: 'takenAt', reason: 'WHILE_PAUSED', pausedAt, resumedAt });
    }
    for (const takenAt of ['2026-03-02T09:59:59.999Z', resumedAt]) {
      given(history)
        .when(command('TakeStep', { stepId: 's-1', takenAt }, SAM, now))
        .then([event('StepTaken', { stepId: 's-1', ownerId: SAM.memberId, takenBy: SAM.memberId, takenAt }, now.toISOString())]);
    }
  });

  it('refuses STAFF taking someone else’s step: LEADER_REQUIRED', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('TakeStep', { stepId: 's-1' }, KIM)).thenThrows('LEADER_REQUIRED');
  });

  it('lets the owner take their step after being removed and added again: the step is still theirs', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('TakeStep', { stepId: 's-1' }, SAM_AGAIN)).then([taken(SAM_AGAIN.memberId)]);
  });

  it('refuses STAFF who were added again taking a step that was never theirs: LEADER_REQUIRED', () => {
    given([...underway(), stepPlanned('s-1', KIM.memberId)]).when(command('TakeStep', { stepId: 's-1' }, SAM_AGAIN)).thenThrows('LEADER_REQUIRED');
  });

  it('refuses to take a step twice: STEP_ALREADY_TAKEN', () => {
    given([...underway(), stepPlanned('s-1'), stepTaken('s-1')]).when(command('TakeStep', { stepId: 's-1' }, SAM)).thenThrows('STEP_ALREADY_TAKEN', { field: 'stepId', stepId: 's-1' });
  });

  it('refuses a dropped step: STEP_DROPPED', () => {
    given([...underway(), stepPlanned('s-1'), stepDropped('s-1')]).when(command('TakeStep', { stepId: 's-1' }, SAM)).thenThrows('STEP_DROPPED', { field: 'stepId', stepId: 's-1' });
  });

  it('refuses an unknown step: STEP_NOT_FOUND', () => {
    given(underway()).when(command('TakeStep', { stepId: 's-404' }, SAM)).thenThrows('STEP_NOT_FOUND', { field: 'stepId', stepId: 's-404' });
    given(underway()).when(command('TakeStep', { stepId: 'constructor' }, SAM)).thenThrows('STEP_NOT_FOUND');
  });

  it('refuses a step while paused: JOURNEY_PAUSED', () => {
    given([...underway(), stepPlanned('s-1'), paused()]).when(command('TakeStep', { stepId: 's-1' }, SAM)).thenThrows('JOURNEY_PAUSED');
  });
});

describe('DropStep', () => {
  it('lets the owner drop a planned step, with a reason', () => {
    given([...underway(), stepPlanned('s-1')])
      .when(command('DropStep', { stepId: 's-1', reason: 'No longer useful' }, SAM))
      .then([stepDropped('s-1')]);
  });

  it('lets a LEADER drop a step while the journey is paused', () => {
    given([...underway(), stepPlanned('s-1'), paused()])
      .when(command('DropStep', { stepId: 's-1', reason: 'Superseded' }))
      .then([event('StepDropped', { stepId: 's-1', ownerId: SAM.memberId, reason: 'Superseded', droppedBy: LEE.memberId })]);
  });

  it('refuses STAFF dropping someone else’s step: LEADER_REQUIRED', () => {
    given([...underway(), stepPlanned('s-1')]).when(command('DropStep', { stepId: 's-1', reason: 'Mine now' }, KIM)).thenThrows('LEADER_REQUIRED');
  });

  it('lets the owner drop their step after being removed and added again', () => {
    given([...underway(), stepPlanned('s-1')])
      .when(command('DropStep', { stepId: 's-1', reason: 'No longer useful' }, SAM_AGAIN))
      .then([event('StepDropped', { stepId: 's-1', ownerId: SAM.memberId, reason: 'No longer useful', droppedBy: SAM_AGAIN.memberId })]);
  });

  it('refuses to drop a taken step: STEP_ALREADY_TAKEN', () => {
    given([...underway(), stepPlanned('s-1'), stepTaken('s-1')]).when(command('DropStep', { stepId: 's-1', reason: 'Oops' }, SAM)).thenThrows('STEP_ALREADY_TAKEN');
  });

  it('refuses to drop a step twice: STEP_DROPPED', () => {
    given([...underway(), stepPlanned('s-1'), stepDropped('s-1')]).when(command('DropStep', { stepId: 's-1', reason: 'Again' }, SAM)).thenThrows('STEP_DROPPED');
  });

  it('refuses an unknown step: STEP_NOT_FOUND', () => {
    given(underway()).when(command('DropStep', { stepId: 's-404', reason: 'Gone' }, SAM)).thenThrows('STEP_NOT_FOUND');
  });
});

describe('RecordReflection', () => {
  const reflect = (data: Partial<{ reflectionId: string; closer: 'YES' | 'NO' | 'UNSURE'; comfort: number; note: string | null; stepId: string | null }>, actor = SAM) =>
    command('RecordReflection', { reflectionId: 'r-1', closer: 'NO', comfort: 2, ...data }, actor);

  it('records "closer?" and comfort about a taken step, against the current vision and direction', () => {
    given([...underway(), stepPlanned('s-1'), stepTaken('s-1')])
      .when(reflect({ stepId: 's-1' }))
      .then([reflectionRecorded('r-1', 'NO', 's-1')]);
  });

  it('records a reflection about the journey as a whole, with a note, from a LEADER too', () => {
    given(underway())
      .when(reflect({ closer: 'UNSURE', comfort: 5, note: ' Feels good, unclear if it works ' }, KIM))
      .then([
        event('ReflectionRecorded', {
          reflectionId: 'r-1',
          memberId: KIM.memberId,
          closer: 'UNSURE',
          comfort: 5,
          note: 'Feels good, unclear if it works',
          stepId: null,
          visionVersion: 1,
          direction: 'Weekly book swaps',
        }),
      ]);
    given(underway()).when(reflect({ closer: 'YES', comfort: 4 }, LEE)).then([
      event('ReflectionRecorded', { reflectionId: 'r-1', memberId: LEE.memberId, closer: 'YES', comfort: 4, note: null, stepId: null, visionVersion: 1, direction: 'Weekly book swaps' }),
    ]);
  });

  it('records a reflection while paused', () => {
    given([...underway(), paused()]).when(reflect({})).then([reflectionRecorded('r-1')]);
  });

  it('refuses a reflection about a step not yet taken: STEP_NOT_TAKEN; about a dropped one: STEP_DROPPED, as takeStep says', () => {
    given([...underway(), stepPlanned('s-1')]).when(reflect({ stepId: 's-1' })).thenThrows('STEP_NOT_TAKEN', { field: 'stepId', stepId: 's-1' });
    given([...underway(), stepPlanned('s-1'), stepDropped('s-1')]).when(reflect({ stepId: 's-1' })).thenThrows('STEP_DROPPED', { field: 'stepId', stepId: 's-1' });
  });

  it('refuses a second reflection by one member on one step: STEP_ALREADY_REFLECTED', () => {
    given([...underway(), stepPlanned('s-1'), stepTaken('s-1'), reflectionRecorded('r-1', 'NO', 's-1')])
      .when(reflect({ reflectionId: 'r-2', closer: 'YES', stepId: 's-1' }))
      .thenThrows('STEP_ALREADY_REFLECTED', { field: 'stepId', stepId: 's-1', memberId: SAM.memberId });
  });

  it('refuses a second reflection on one step by one person removed and added again, whatever they answer: STEP_ALREADY_REFLECTED', () => {
    const history = [...underway(), stepPlanned('s-1'), stepTaken('s-1'), reflectionRecorded('r-1', 'NO', 's-1')];
    given(history)
      .when(reflect({ reflectionId: 'r-2', closer: 'NO', stepId: 's-1' }, SAM_AGAIN))
      .thenThrows('STEP_ALREADY_REFLECTED', { field: 'stepId', stepId: 's-1', memberId: SAM_AGAIN.memberId });
    given(history).when(reflect({ reflectionId: 'r-2', closer: 'YES', stepId: 's-1' }, SAM_AGAIN)).thenThrows('STEP_ALREADY_REFLECTED');
    // Added again twice: the answer under the first id still stands.
    given(history).when(reflect({ reflectionId: 'r-2', stepId: 's-1' }, addedAgain(SAM_AGAIN, 'mem-sam-3'))).thenThrows('STEP_ALREADY_REFLECTED');
  });

  it('lets someone removed and added again reflect on a step they had not answered, and on the journey as a whole', () => {
    const history = [...underway(), stepPlanned('s-1'), stepTaken('s-1'), stepPlanned('s-2'), stepTaken('s-2'), reflectionRecorded('r-1', 'NO', 's-1')];
    const answer = (reflectionId: string, stepId: string | null) =>
      event('ReflectionRecorded', { reflectionId, memberId: SAM_AGAIN.memberId, closer: 'NO', comfort: 2, note: null, stepId, visionVersion: 1, direction: 'Weekly book swaps' });
    given(history).when(reflect({ reflectionId: 'r-2', stepId: 's-2' }, SAM_AGAIN)).then([answer('r-2', 's-2')]);
    given(history).when(reflect({ reflectionId: 'r-2' }, SAM_AGAIN)).then([answer('r-2', null)]);
  });

  it('lets each member reflect once on a step, and anyone reflect on the journey as a whole again', () => {
    const history = [...underway(), stepPlanned('s-1'), stepTaken('s-1'), reflectionRecorded('r-1', 'NO', 's-1')];
    given(history)
      .when(reflect({ reflectionId: 'r-2', closer: 'YES', comfort: 4, stepId: 's-1' }, LEE))
      .then([event('ReflectionRecorded', { reflectionId: 'r-2', memberId: LEE.memberId, closer: 'YES', comfort: 4, note: null, stepId: 's-1', visionVersion: 1, direction: 'Weekly book swaps' })]);
    given([...history, reflectionRecorded('r-2')]).when(reflect({ reflectionId: 'r-3' })).then([reflectionRecorded('r-3')]);
  });

  it('refuses a reflection about an unknown step: STEP_NOT_FOUND', () => {
    given(underway()).when(reflect({ stepId: 's-404' })).thenThrows('STEP_NOT_FOUND');
  });

  it('refuses an empty step id rather than reading it as "no step": VALIDATION_FAILED', () => {
    given(underway()).when(reflect({ stepId: '' })).thenThrows('VALIDATION_FAILED');
  });

  it('refuses a reflection before there is a vision to be closer to: VISION_REQUIRED', () => {
    given([started()]).when(reflect({})).thenThrows('VISION_REQUIRED');
  });

  it('refuses a reflection id already used: DUPLICATE_ID', () => {
    given([...underway(), reflectionRecorded('r-1')]).when(reflect({})).thenThrows('DUPLICATE_ID', { field: 'reflectionId' });
  });

  it.each([
    ['comfort 0', { comfort: 0 }, 'comfort'],
    ['comfort 6', { comfort: 6 }, 'comfort'],
    ['comfort 2.5', { comfort: 2.5 }, 'comfort'],
    ['an unknown closer answer', { closer: 'MAYBE' as 'YES' }, 'closer'],
    ['a note over 2000 characters', { note: 'x'.repeat(2001) }, 'note'],
  ])('refuses %s: VALIDATION_FAILED', (_case, data, field) => {
    given(underway()).when(reflect(data)).thenThrows('VALIDATION_FAILED', { field });
  });

  it('accepts the edges: comfort 1 and 5, a note of exactly 2000 characters', () => {
    const note = 'x'.repeat(2000);
    given(underway()).when(reflect({ comfort: 1, note })).then([
      event('ReflectionRecorded', { reflectionId: 'r-1', memberId: SAM.memberId, closer: 'NO', comfort: 1, note, stepId: null, visionVersion: 1, direction: 'Weekly book swaps' }),
    ]);
  });
});
