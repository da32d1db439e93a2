import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { NudgeHistoryCommandResult } from './nudge-history-changes.port';

/**
 * A member dismisses one of their nudges: it shows as dismissed, and one not yet delivered will not
 * be. `Nudge` is the view the wired NudgeHistoryChanges answers with.
 */
export class DismissNudgeCommand<Nudge = unknown> extends Command<NudgeHistoryCommandResult<Nudge>> {
  constructor(
    readonly input: { readonly nudgeId: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
