import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { ResumeJourneyCommand } from './resume-journey.command';

@CommandHandler(ResumeJourneyCommand)
export class ResumeJourneyHandler implements ICommandHandler<ResumeJourneyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: ResumeJourneyCommand): Promise<JourneyCommandResult> {
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'ResumeJourney', data: input }, context);
  }
}
