import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { PlanStepCommand } from './plan-step.command';

@CommandHandler(PlanStepCommand)
export class PlanStepHandler implements ICommandHandler<PlanStepCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: PlanStepCommand): Promise<JourneyCommandResult> {
    const stepId = derivedId(context, 'step');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'PlanStep', data: { ...input, stepId } }, context, stepId);
  }
}
