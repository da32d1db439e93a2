import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { MakePivotCommand } from './make-pivot.command';

@CommandHandler(MakePivotCommand)
export class MakePivotHandler implements ICommandHandler<MakePivotCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: MakePivotCommand): Promise<JourneyCommandResult> {
    const pivotId = derivedId(context, 'pivot');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'MakePivot', data: { ...input, pivotId } }, context, pivotId);
  }
}
