import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

/** Exactly one of them: a bot token (direct messages to members) or an incoming webhook URL (the team's channel). */
export interface SetSlackIntegrationInput {
  readonly teamId: string;
  readonly botToken?: string | null;
  readonly webhookUrl?: string | null;
}

/** An admin sets or replaces a team's Slack integration; the secret is sealed before it is stored. */
export class SetSlackIntegrationCommand extends Command<ChannelIntegrationCommandResult> {
  constructor(
    readonly input: SetSlackIntegrationInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
