import { deciderSpec } from '@stepwise/kernel/testing';
import { journeyDecider } from './journey.decider';
import { LEE, TEAM_ID, command, completed, event, paused, started, underway, visionArticulated } from './testing/journey.fixtures';

const given = deciderSpec(journeyDecider);

describe('StartJourney', () => {
  it('lets a LEADER start a journey for their team', () => {
    given([]).when(command('StartJourney', { teamId: TEAM_ID, title: '  Reading at home ' })).then([started()]);
  });

  it('refuses to start it twice: JOURNEY_ALREADY_STARTED', () => {
    given([started()]).when(command('StartJourney', { teamId: TEAM_ID, title: 'Again' })).thenThrows('JOURNEY_ALREADY_STARTED');
  });

  it('refuses a title over 200 characters or a blank one: VALIDATION_FAILED', () => {
    given([]).when(command('StartJourney', { teamId: TEAM_ID, title: 'x'.repeat(201) })).thenThrows('VALIDATION_FAILED', { field: 'title', reason: 'TOO_LONG', max: 200 });
    given([]).when(command('StartJourney', { teamId: TEAM_ID, title: ' ' })).thenThrows('VALIDATION_FAILED', { field: 'title', reason: 'REQUIRED' });
  });

  it('accepts a title of exactly 200 characters', () => {
    const title = 'x'.repeat(200);
    given([]).when(command('StartJourney', { teamId: TEAM_ID, title })).then([event('JourneyStarted', { title, startedBy: LEE.memberId })]);
  });
});

describe('PauseJourney and ResumeJourney', () => {
  it('pauses an active journey with a reason', () => {
    given(underway()).when(command('PauseJourney', { reason: ' Exam season ' })).then([paused()]);
  });

  it('refuses to pause a paused journey: JOURNEY_PAUSED', () => {
    given([...underway(), paused()]).when(command('PauseJourney', { reason: 'Again' })).thenThrows('JOURNEY_PAUSED');
  });

  it('refuses a pause without a reason: VALIDATION_FAILED', () => {
    given(underway()).when(command('PauseJourney', { reason: '' })).thenThrows('VALIDATION_FAILED', { field: 'reason' });
  });

  it('resumes a paused journey', () => {
    given([...underway(), paused()]).when(command('ResumeJourney', {})).then([event('JourneyResumed', { resumedBy: LEE.memberId })]);
  });

  it('refuses to resume a journey that is not paused: JOURNEY_NOT_PAUSED', () => {
    given(underway()).when(command('ResumeJourney', {})).thenThrows('JOURNEY_NOT_PAUSED');
  });
});

describe('CompleteJourney', () => {
  it('completes a journey, with an optional summary', () => {
    given(underway()).when(command('CompleteJourney', {})).then([completed()]);
    given(underway())
      .when(command('CompleteJourney', { summary: 'Loans tripled' }))
      .then([event('JourneyCompleted', { summary: 'Loans tripled', completedBy: LEE.memberId })]);
  });

  it('completes a paused journey', () => {
    given([...underway(), paused()]).when(command('CompleteJourney', {})).then([completed()]);
  });

  it('refuses to complete a journey that never had a vision: VISION_REQUIRED', () => {
    given([started()]).when(command('CompleteJourney', {})).thenThrows('VISION_REQUIRED');
  });

  it('refuses a summary over 4000 characters: VALIDATION_FAILED', () => {
    given([started(), visionArticulated()]).when(command('CompleteJourney', { summary: 'x'.repeat(4001) })).thenThrows('VALIDATION_FAILED', { field: 'summary' });
  });
});

describe('AbandonJourney', () => {
  it('abandons a journey with a reason, even before a vision', () => {
    given([started()])
      .when(command('AbandonJourney', { reason: 'Merged into another journey' }))
      .then([event('JourneyAbandoned', { reason: 'Merged into another journey', abandonedBy: LEE.memberId })]);
  });

  it('refuses an abandonment without a reason: VALIDATION_FAILED', () => {
    given(underway()).when(command('AbandonJourney', { reason: '  ' })).thenThrows('VALIDATION_FAILED', { field: 'reason' });
  });
});
