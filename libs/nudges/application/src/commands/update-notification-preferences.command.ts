import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { UpdateNotificationPreferences } from '@stepwise/nudges-domain';
import type { NudgePreferencesCommandResult } from './nudges-command.result';

/** A member's channels, opt-outs and daily cap: their own, or anyone's for an admin. */
export class UpdateNotificationPreferencesCommand extends Command<NudgePreferencesCommandResult> {
  constructor(
    readonly input: Omit<UpdateNotificationPreferences['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
