import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { KeepCommitment } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** The committed member (or a leader) marks a commitment kept. */
export class KeepCommitmentCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: KeepCommitment['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
