import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RecordReflection } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A participant answers "are we closer?" and, apart from it, how comfortable they are. */
export class RecordReflectionCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<RecordReflection['data'], 'reflectionId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
