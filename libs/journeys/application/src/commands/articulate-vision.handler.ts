import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { ArticulateVisionCommand } from './articulate-vision.command';

@CommandHandler(ArticulateVisionCommand)
export class ArticulateVisionHandler implements ICommandHandler<ArticulateVisionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: ArticulateVisionCommand): Promise<JourneyCommandResult> {
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'ArticulateVision', data: input }, context);
  }
}
