import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { MakePivot } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader changes direction, usually after "not closer" reflections. */
export class MakePivotCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<MakePivot['data'], 'pivotId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
