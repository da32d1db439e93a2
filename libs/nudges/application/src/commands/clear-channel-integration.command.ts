import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

export type ClearableIntegration = { readonly channel: 'SLACK' | 'TEAMS'; readonly teamId: string } | { readonly channel: 'SMTP' };

/** An admin removes a team's Slack or Teams integration, or the organisation's SMTP server; clearing what is not set changes nothing. */
export class ClearChannelIntegrationCommand extends Command<ChannelIntegrationCommandResult> {
  constructor(
    readonly input: ClearableIntegration,
    readonly context: CommandContext,
  ) {
    super();
  }
}
