import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandFingerprint } from '@stepwise/command-handling';
import { DismissNudgeCommand } from './dismiss-nudge.command';
import { historyChangeOf, NUDGE_HISTORY_CHANGES, type NudgeHistoryChanges, type NudgeHistoryCommandResult } from './nudge-history-changes.port';

@CommandHandler(DismissNudgeCommand)
export class DismissNudgeHandler implements ICommandHandler<DismissNudgeCommand> {
  constructor(@Inject(NUDGE_HISTORY_CHANGES) private readonly history: NudgeHistoryChanges) {}

  execute({ input, context }: DismissNudgeCommand): Promise<NudgeHistoryCommandResult<unknown>> {
    return this.history.dismiss(historyChangeOf(context, commandFingerprint('DismissNudge', input)), input.nudgeId);
  }
}
