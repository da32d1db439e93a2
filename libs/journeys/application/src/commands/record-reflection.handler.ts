import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { RecordReflectionCommand } from './record-reflection.command';

@CommandHandler(RecordReflectionCommand)
export class RecordReflectionHandler implements ICommandHandler<RecordReflectionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context, precondition }: RecordReflectionCommand): Promise<JourneyCommandResult> {
    const reflectionId = derivedId(context, 'reflection');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'RecordReflection', data: { ...input, reflectionId } }, context, reflectionId, precondition);
  }
}
