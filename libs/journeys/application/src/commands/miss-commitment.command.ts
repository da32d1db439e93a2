import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { MissCommitment } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader marks a commitment missed. */
export class MissCommitmentCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: MissCommitment['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
