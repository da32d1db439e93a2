/** The journey aggregate: one change a team is making, one stream per journey. */
import type { EventSourcedDecider } from '@stepwise/kernel';
import type { JourneyCommand } from './journey.commands';
import { decideLifecycle } from './journey.decide-lifecycle';
import { decideSteps } from './journey.decide-steps';
import { decideSupport } from './journey.decide-support';
import { decideVision } from './journey.decide-vision';
import { journeyEventSchemaVersions, type JourneyEvent } from './journey.events';
import type { JourneyState } from './journey.state';
import { evolveJourney, initialJourneyState } from './journey.state';

export const decideJourney = (command: JourneyCommand, state: JourneyState): JourneyEvent[] => {
  switch (command.type) {
    case 'StartJourney':
    case 'PauseJourney':
    case 'ResumeJourney':
    case 'CompleteJourney':
    case 'AbandonJourney':
      return decideLifecycle(command, state);
    case 'ArticulateVision':
    case 'ReviseVision':
    case 'SetDirection':
    case 'MakePivot':
      return decideVision(command, state);
    case 'PlanStep':
    case 'TakeStep':
    case 'DropStep':
    case 'RecordReflection':
      return decideSteps(command, state);
    case 'RequestSupport':
    case 'OfferSupport':
    case 'MakeCommitment':
    case 'KeepCommitment':
    case 'MissCommitment':
      return decideSupport(command, state);
  }
};

export const journeyDecider: EventSourcedDecider<JourneyCommand, JourneyEvent, JourneyState> = {
  initialState: initialJourneyState,
  decide: decideJourney,
  evolve: evolveJourney,
  eventSchemaVersions: journeyEventSchemaVersions,
};
