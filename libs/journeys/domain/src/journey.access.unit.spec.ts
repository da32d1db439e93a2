/** Rules that hold for every journey command: who may write, and when a journey takes nothing. */
import { deciderSpec } from '@stepwise/kernel/testing';
import type { JourneyCommandType } from './journey.commands';
import { journeyDecider } from './journey.decider';
import { isJourneyEvent, journeyEventTypes, journeyStreamId } from './journey.events';
import {
  ADA,
  LEE,
  SAM,
  abandoned,
  commitmentMade,
  completed,
  oneOfEachCommand,
  stepPlanned,
  supportRequested,
  underway,
} from './testing/journey.fixtures';

const given = deciderSpec(journeyDecider);

const LEADER_ONLY: readonly JourneyCommandType[] = [
  'StartJourney',
  'ArticulateVision',
  'ReviseVision',
  'SetDirection',
  'MakePivot',
  'OfferSupport',
  'MissCommitment',
  'PauseJourney',
  'ResumeJourney',
  'CompleteJourney',
  'AbandonJourney',
];

const history = () => [...underway(), stepPlanned('s-1'), supportRequested('rq-1'), commitmentMade('c-1')];
const byType = (actor = LEE) => oneOfEachCommand(actor).map((command) => [command.type, command] as const);
const existing = (actor = LEE) => byType(actor).filter(([type]) => type !== 'StartJourney');
/** Settling a commitment, or answering a support request, made before the journey ended stays allowed after it (see journey.support.unit.spec.ts). */
const SETTLING: readonly JourneyCommandType[] = ['KeepCommitment', 'MissCommitment', 'OfferSupport'];
const closable = (actor = LEE) => existing(actor).filter(([type]) => !SETTLING.includes(type));

describe('journey stream and event catalogue', () => {
  it('names the stream journey-<id>', () => expect(journeyStreamId('j-9')).toBe('journey-j-9'));

  it('lists all 18 journey event types and recognises them', () => {
    expect(journeyEventTypes).toHaveLength(18);
    expect(journeyEventTypes).toEqual(expect.arrayContaining(['JourneyStarted', 'PivotMade', 'CommitmentMissed', 'JourneyAbandoned']));
    expect(isJourneyEvent({ type: 'StepTaken' })).toBe(true);
    expect(isJourneyEvent({ type: 'NudgeScheduled' })).toBe(false);
    expect(isJourneyEvent({ type: 'toString' })).toBe(false);
  });
});

describe('every journey command', () => {
  it.each(byType({ ...LEE, teamWritable: false }))('%s is refused on a read-only team: SUBSCRIPTION_INACTIVE', (_type, command) => {
    given(history()).when(command).thenThrows('SUBSCRIPTION_INACTIVE');
  });

  it.each(byType(ADA))('%s is refused to someone not on the team, even an org ADMIN: NOT_A_PARTICIPANT', (_type, command) => {
    given(history()).when(command).thenThrows('NOT_A_PARTICIPANT', { memberId: ADA.memberId });
  });

  it.each(existing())('%s needs a started journey: JOURNEY_NOT_FOUND', (_type, command) => {
    given([]).when(command).thenThrows('JOURNEY_NOT_FOUND');
  });

  it.each(closable())('%s is refused once the journey is completed: JOURNEY_CLOSED', (_type, command) => {
    given([...history(), completed()]).when(command).thenThrows('JOURNEY_CLOSED', { status: 'COMPLETED' });
  });

  it.each(closable())('%s is refused once the journey is abandoned: JOURNEY_CLOSED', (_type, command) => {
    given([...history(), abandoned()]).when(command).thenThrows('JOURNEY_CLOSED', { status: 'ABANDONED' });
  });

  it.each(byType(SAM).filter(([type]) => LEADER_ONLY.includes(type)))('%s is refused to STAFF: LEADER_REQUIRED', (_type, command) => {
    given(history()).when(command).thenThrows('LEADER_REQUIRED');
  });
});
