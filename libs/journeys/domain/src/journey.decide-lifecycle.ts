/** Starting a journey and ending, pausing or resuming it: all a LEADER's calls. */
import type { AbandonJourney, CompleteJourney, JourneyLifecycleCommand, PauseJourney, ResumeJourney, StartJourney } from './journey.commands';
import { JourneyAlreadyStartedError, JourneyNotPausedError, JourneyPausedError } from './journey.errors';
import type { JourneyEvent } from './journey.events';
import { eventBase, requireLeader, requireOpenJourney, requireVision } from './journey.guards';
import type { JourneyState } from './journey.state';
import { optionalText, requiredLine, requiredText } from '@stepwise/kernel';
import { REASON_MAX_LENGTH, SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH, validId } from './journey.validation';

const startJourney = ({ data, metadata }: StartJourney, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'start a journey');
  const title = requiredLine('title', data.title, TITLE_MAX_LENGTH);
  const teamId = validId('teamId', data.teamId);
  if (state.status !== 'NOT_STARTED') throw new JourneyAlreadyStartedError(data.journeyId);
  return [{ type: 'JourneyStarted', data: { journeyId: data.journeyId, teamId, title, startedBy: leader.memberId, at: metadata.now.toISOString() } }];
};

const pauseJourney = ({ data, metadata }: PauseJourney, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'pause a journey');
  const reason = requiredText('reason', data.reason, REASON_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  if (journey.status === 'PAUSED') throw new JourneyPausedError(journey.journeyId);
  return [{ type: 'JourneyPaused', data: { ...eventBase(journey, metadata), reason, pausedBy: leader.memberId } }];
};

const resumeJourney = ({ data, metadata }: ResumeJourney, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'resume a journey');
  const journey = requireOpenJourney(state, data.journeyId);
  if (journey.status !== 'PAUSED') throw new JourneyNotPausedError(journey.journeyId);
  return [{ type: 'JourneyResumed', data: { ...eventBase(journey, metadata), resumedBy: leader.memberId } }];
};

/** Completing means the vision was reached, so there must have been one. */
const completeJourney = ({ data, metadata }: CompleteJourney, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'complete a journey');
  const summary = optionalText('summary', data.summary, SUMMARY_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  requireVision(journey);
  return [{ type: 'JourneyCompleted', data: { ...eventBase(journey, metadata), summary, completedBy: leader.memberId } }];
};

const abandonJourney = ({ data, metadata }: AbandonJourney, state: JourneyState): JourneyEvent[] => {
  const leader = requireLeader(metadata, 'abandon a journey');
  const reason = requiredText('reason', data.reason, REASON_MAX_LENGTH);
  const journey = requireOpenJourney(state, data.journeyId);
  return [{ type: 'JourneyAbandoned', data: { ...eventBase(journey, metadata), reason, abandonedBy: leader.memberId } }];
};

export const decideLifecycle = (command: JourneyLifecycleCommand, state: JourneyState): JourneyEvent[] => {
  switch (command.type) {
    case 'StartJourney':
      return startJourney(command, state);
    case 'PauseJourney':
      return pauseJourney(command, state);
    case 'ResumeJourney':
      return resumeJourney(command, state);
    case 'CompleteJourney':
      return completeJourney(command, state);
    case 'AbandonJourney':
      return abandonJourney(command, state);
  }
};
