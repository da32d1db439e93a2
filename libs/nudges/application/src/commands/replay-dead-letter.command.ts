import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { NudgeHistoryCommandResult } from './nudge-history-changes.port';

/**
 * An admin replays a dead delivery: attempted again at once, with as many attempts as it first had.
 * `Delivery` is the view the wired NudgeHistoryChanges answers with.
 */
export class ReplayDeadLetterCommand<Delivery = unknown> extends Command<NudgeHistoryCommandResult<Delivery>> {
  constructor(
    readonly input: { readonly deliveryId: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
