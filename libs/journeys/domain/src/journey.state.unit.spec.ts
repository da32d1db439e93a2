/** The state a journey's history folds into: what the deciders check rules against. */
import { foldEvents } from '@stepwise/kernel';
import { journeyDecider } from './journey.decider';
import type { JourneyEvent } from './journey.events';
import {
  LEE,
  SAM,
  VISION,
  commitmentMade,
  event,
  paused,
  reflectionRecorded,
  stepDropped,
  stepPlanned,
  stepTaken,
  supportRequested,
  underway,
} from './testing/journey.fixtures';

const fold = (events: JourneyEvent[]) => foldEvents(journeyDecider, events);

describe('journey state', () => {
  it('is NOT_STARTED with no events', () => {
    expect(fold([])).toEqual({ status: 'NOT_STARTED' });
  });

  it('follows a journey through vision, steps, reflections, a pivot, support and commitments', () => {
    const state = fold([
      ...underway(),
      event('VisionRevised', { version: 2, ...VISION, statement: 'Every family reads together', reason: 'Wider', revisedBy: LEE.memberId }),
      stepPlanned('s-1'),
      stepTaken('s-1'),
      stepPlanned('s-2'),
      stepDropped('s-2'),
      stepPlanned('s-3'),
      reflectionRecorded('r-1', 'NO', 's-1'),
      event('PivotMade', { pivotId: 'pv-1', fromDirection: 'Weekly book swaps', toDirection: 'Reading evenings', reason: 'Not closer', reflectionIds: ['r-1'], pivotedBy: LEE.memberId }),
      supportRequested('rq-1'),
      supportRequested('rq-2'),
      event('SupportOffered', { requestId: 'rq-1', requestedBy: SAM.memberId, leaderId: LEE.memberId, message: 'Here' }),
      commitmentMade('c-1'),
      event('CommitmentKept', { commitmentId: 'c-1', memberId: SAM.memberId, markedBy: SAM.memberId }),
      paused(),
    ]);

    expect(state.status !== 'NOT_STARTED' && { ...state, steps: state.steps.toJSON(), reflections: state.reflections.toJSON() }).toMatchObject({
      status: 'PAUSED',
      vision: { version: 2, statement: 'Every family reads together' },
      direction: 'Reading evenings',
      directionNumber: 2,
      steps: {
        's-1': { ownerId: SAM.memberId, status: 'TAKEN' },
        's-2': { status: 'DROPPED' },
        's-3': { status: 'PLANNED' },
      },
      reflections: { 'r-1': { stepId: 's-1', memberId: SAM.memberId, closer: 'NO', visionVersion: 1, directionNumber: 1 } },
      pivotIds: ['pv-1'],
      supportRequests: { 'rq-1': { open: false }, 'rq-2': { open: true } },
      commitments: { 'c-1': { status: 'KEPT' } },
    });
  });

  it('keeps every reflection of a long journey, each folded in without copying the others', () => {
    const reflections = Array.from({ length: 2_000 }, (_, index) => reflectionRecorded(`r-${index}`, index % 2 === 0 ? 'YES' : 'NO', null));
    const state = fold([...underway(), ...reflections]);
    expect(state.status !== 'NOT_STARTED' && [state.reflections.size, state.reflections.get('r-1999')?.closer, state.reflections.get('r-0')?.closer]).toEqual([2_000, 'NO', 'YES']);
  });

  it('resumes to ACTIVE', () => {
    expect(fold([...underway(), paused(), event('JourneyResumed', { resumedBy: LEE.memberId })]).status).toBe('ACTIVE');
  });
});
