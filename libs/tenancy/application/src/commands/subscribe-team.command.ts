import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { Subscribe, SubscriptionStatus } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin subscribes a team to a plan (STARTER 10 seats, GROWTH 50, UNLIMITED). */
export class SubscribeTeamCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: Omit<Subscribe['data'], 'status'> & { readonly status: SubscriptionStatus },
    readonly context: CommandContext,
  ) {
    super();
  }
}
