import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { RequestSupportCommand } from './request-support.command';

@CommandHandler(RequestSupportCommand)
export class RequestSupportHandler implements ICommandHandler<RequestSupportCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: RequestSupportCommand): Promise<JourneyCommandResult> {
    const requestId = derivedId(context, 'support-request');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'RequestSupport', data: { ...input, requestId } }, context, requestId);
  }
}
