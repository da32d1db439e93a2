import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

export interface SetTeamsIntegrationInput {
  readonly teamId: string;
  /** The Workflows "Post to a channel when a webhook request is received" URL. */
  readonly webhookUrl: string;
}

/** An admin sets or replaces a team's Microsoft Teams integration; the URL is sealed before it is stored. */
export class SetTeamsIntegrationCommand extends Command<ChannelIntegrationCommandResult> {
  constructor(
    readonly input: SetTeamsIntegrationInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
