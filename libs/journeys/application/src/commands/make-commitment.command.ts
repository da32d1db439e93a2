import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { MakeCommitment } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A participant commits to something by a date (a leader may commit someone else). */
export class MakeCommitmentCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<MakeCommitment['data'], 'commitmentId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
