import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { ValidationError, type Clock } from '@stepwise/kernel';
import { decideOnTeam } from './decide-on-team';
import type { TeamCommandResult } from './team-command.result';
import { ChangeSubscriptionCommand } from './change-subscription.command';

@CommandHandler(ChangeSubscriptionCommand)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscriptionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: ChangeSubscriptionCommand): Promise<TeamCommandResult> {
    if (input.status === 'CANCELLED') {
      return Promise.reject(new ValidationError('Cancel a subscription with cancelSubscription', { field: 'status' }));
    }
    return decideOnTeam({ store: this.store, clock: this.clock }, { type: 'ChangeSubscription', data: { ...input, status: input.status } }, context);
  }
}
