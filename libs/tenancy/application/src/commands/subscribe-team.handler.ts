import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { ValidationError, type Clock } from '@stepwise/kernel';
import { decideOnTeam } from './decide-on-team';
import type { TeamCommandResult } from './team-command.result';
import { SubscribeTeamCommand } from './subscribe-team.command';

@CommandHandler(SubscribeTeamCommand)
export class SubscribeTeamHandler implements ICommandHandler<SubscribeTeamCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // The schema's status enum has every status; a subscription can only start in two of them.
  execute({ input, context }: SubscribeTeamCommand): Promise<TeamCommandResult> {
    if (input.status !== 'TRIALING' && input.status !== 'ACTIVE') {
      return Promise.reject(new ValidationError('A subscription starts TRIALING or ACTIVE', { field: 'status' }));
    }
    return decideOnTeam({ store: this.store, clock: this.clock }, { type: 'Subscribe', data: { ...input, status: input.status } }, context);
  }
}
