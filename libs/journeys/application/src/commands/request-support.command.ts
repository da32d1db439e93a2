import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RequestSupport } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A participant asks for support. */
export class RequestSupportCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<RequestSupport['data'], 'requestId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
