import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

export interface SetSmtpIntegrationInput {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly username?: string | null;
  /** Omitted: the current password stays; null: none. */
  readonly password?: string | null;
  readonly fromAddress: string;
  readonly fromName?: string | null;
}

/** An admin sets or replaces the organisation's own SMTP server; the password is sealed before it is stored. */
export class SetSmtpIntegrationCommand extends Command<ChannelIntegrationCommandResult> {
  constructor(
    readonly input: SetSmtpIntegrationInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
