import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnJourney } from './decide-on-journey';
import type { JourneyCommandResult } from './journey-command.result';
import { MakeCommitmentCommand } from './make-commitment.command';

@CommandHandler(MakeCommitmentCommand)
export class MakeCommitmentHandler implements ICommandHandler<MakeCommitmentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: MakeCommitmentCommand): Promise<JourneyCommandResult> {
    const commitmentId = derivedId(context, 'commitment');
    return decideOnJourney({ store: this.store, clock: this.clock }, { type: 'MakeCommitment', data: { ...input, commitmentId } }, context, commitmentId);
  }
}
