import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { CancelSubscription } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin cancels a team’s subscription; the team becomes read-only. */
export class CancelSubscriptionCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: CancelSubscription['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
