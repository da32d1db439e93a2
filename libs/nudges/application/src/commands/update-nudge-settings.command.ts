import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { UpdateNudgeSettings } from '@stepwise/nudges-domain';
import type { NudgePreferencesCommandResult } from './nudges-command.result';

/** An admin changes the organisation's nudge rules: each on or off, with its timings and thresholds. */
export class UpdateNudgeSettingsCommand extends Command<NudgePreferencesCommandResult> {
  constructor(
    readonly input: Omit<UpdateNudgeSettings['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
