import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChangeSubscription, SubscriptionStatus } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin changes a team’s plan and/or status (cancelling is its own command). */
export class ChangeSubscriptionCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: Omit<ChangeSubscription['data'], 'status'> & { readonly status?: SubscriptionStatus },
    readonly context: CommandContext,
  ) {
    super();
  }
}
