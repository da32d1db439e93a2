import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { PlanStep } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A participant plans a small step (a leader may plan one for someone else). */
export class PlanStepCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<PlanStep['data'], 'stepId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
