import { Command } from '@nestjs/cqrs';
import type { AnswerChoice, AnswerLinkClaims } from '@stepwise/nudges-domain';
import type { JourneyCommandResult } from '../commands/journey-command.result';
import type { AnswerChannel, AnswerTapper } from './answer-link.ports';

export interface AnswerReflectionNudgeResult {
  readonly claims: AnswerLinkClaims;
  readonly reflectionId: string;
  readonly answer: AnswerChoice;
  /** The reflection command's outcome (its position is what read-your-writes waits for). */
  readonly outcome: JourneyCommandResult;
}

/**
 * A member answers a reflection nudge with one tap, without logging in: the signed link stands for
 * them. The answer arrives as sent (a query string, a form, a Slack button) and is checked here.
 */
export class AnswerReflectionNudgeCommand extends Command<AnswerReflectionNudgeResult> {
  constructor(
    readonly token: string,
    readonly answer: { readonly closer: unknown; readonly comfort: unknown },
    readonly channel: AnswerChannel,
    readonly correlationId: string,
    /** Who tapped, where the channel says (Slack); null for a link, which stands for its member. */
    readonly tapper: AnswerTapper | null = null,
  ) {
    super();
  }
}
