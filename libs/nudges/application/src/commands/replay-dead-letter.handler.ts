import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandFingerprint } from '@stepwise/command-handling';
import { historyChangeOf, NUDGE_HISTORY_CHANGES, type NudgeHistoryChanges, type NudgeHistoryCommandResult } from './nudge-history-changes.port';
import { ReplayDeadLetterCommand } from './replay-dead-letter.command';

@CommandHandler(ReplayDeadLetterCommand)
export class ReplayDeadLetterHandler implements ICommandHandler<ReplayDeadLetterCommand> {
  constructor(@Inject(NUDGE_HISTORY_CHANGES) private readonly history: NudgeHistoryChanges) {}

  execute({ input, context }: ReplayDeadLetterCommand): Promise<NudgeHistoryCommandResult<unknown>> {
    return this.history.replay(historyChangeOf(context, commandFingerprint('ReplayDeadLetter', input)), input.deliveryId);
  }
}
