import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { SetDirection } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader sets the first direction toward the vision. */
export class SetDirectionCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: SetDirection['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
