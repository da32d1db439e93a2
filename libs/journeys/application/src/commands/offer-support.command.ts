import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { OfferSupport } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader answers a request for support. */
export class OfferSupportCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: OfferSupport['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
