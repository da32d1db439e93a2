import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { StartJourneyCommand } from './start-journey.command';

@CommandHandler(StartJourneyCommand)
export class StartJourneyHandler implements ICommandHandler<StartJourneyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: StartJourneyCommand): Promise<JourneyCommandResult> {
    const journeyId = derivedId(context, 'journey');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'StartJourney', data: { ...input, journeyId } }, context, journeyId);
  }
}
