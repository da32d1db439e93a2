import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { CompleteJourneyCommand } from './complete-journey.command';

@CommandHandler(CompleteJourneyCommand)
export class CompleteJourneyHandler implements ICommandHandler<CompleteJourneyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: CompleteJourneyCommand): Promise<JourneyCommandResult> {
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'CompleteJourney', data: input }, context);
  }
}
