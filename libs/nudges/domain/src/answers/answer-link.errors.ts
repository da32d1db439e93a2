/** Why an answer link is refused, each with a stable code; nothing is written when one is thrown. */
import { CodedError } from '@stepwise/kernel';

export type AnswerLinkInvalidReason = 'MALFORMED' | 'BAD_SIGNATURE' | 'UNSUPPORTED_VERSION';

/** Not a link Stepwise signed: cut short, altered, or signed with another key. */
export class AnswerLinkInvalidError extends CodedError {
  constructor(readonly reason: AnswerLinkInvalidReason) {
    super('ANSWER_LINK_INVALID', 'This answer link is not valid; use the link from your latest nudge', { reason });
  }
}

export class AnswerLinkExpiredError extends CodedError {
  constructor(expiresAt: Date) {
    super('ANSWER_LINK_EXPIRED', 'This answer link has expired; record your reflection in Stepwise instead', { expiresAt: expiresAt.toISOString() });
  }
}

/** The link was used already: its answer stands, and a second tap records nothing. */
export class AnswerLinkUsedError extends CodedError {
  constructor(readonly answer: RecordedLinkAnswer | null) {
    super('ANSWER_LINK_USED', 'This nudge was already answered', answer ? { closer: answer.closer, comfort: answer.comfort, answeredAt: answer.answeredAt } : undefined);
  }
}

/** The member the link was made for is no longer on the journey's team (or in the organisation). */
export class AnswererNotOnTeamError extends CodedError {
  constructor() {
    super('ANSWER_LINK_MEMBER_NOT_ON_TEAM', "The member this link was made for is no longer on the journey's team");
  }
}

/**
 * A tap Slack signed for another Slack user than the link's member (their SLACK address): a button
 * passed on, or its value copied. Nothing about the link is told, its answer included.
 */
export class AnswerLinkNotForTapperError extends CodedError {
  constructor() {
    super('ANSWER_LINK_NOT_FOR_YOU', 'This answer is for the person the nudge was sent to; only they can answer it');
  }
}

/** What an answered link recorded, as far as a refused replay may tell. */
export interface RecordedLinkAnswer {
  readonly closer: string;
  readonly comfort: number;
  readonly answeredAt: string;
}
