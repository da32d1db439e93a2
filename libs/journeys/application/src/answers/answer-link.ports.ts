/**
 * What answering a nudge by link needs from outside the application layer: a verifier of the
 * link's signature (the claims come back only from a link Stepwise signed), and the record of links
 * already used, kept by nonce.
 */
import type { CloserAnswer } from '@stepwise/journeys-domain';
import type { AnswerLinkClaims } from '@stepwise/nudges-domain';

export interface AnswerLinkVerifier {
  /** The claims of a link Stepwise signed, expiry unchecked; throws AnswerLinkInvalidError for anything else. */
  verify(token: string): AnswerLinkClaims;
}

export const ANSWER_LINK_VERIFIER = Symbol('stepwise.answer-link-verifier');

/** Where a tap came from. */
export type AnswerChannel = 'LINK' | 'SLACK';

/**
 * Who tapped, as far as the channel says: a link is a bearer token (null); Slack signs the id of
 * the user who tapped, which must be the link's member's (their SLACK address).
 */
export interface AnswerTapper {
  readonly slackUserId: string | undefined;
}

/** One used link: its nonce, and the reflection it recorded. */
export interface AnswerLinkUse {
  readonly tenantId: string;
  readonly nonce: string;
  readonly nudgeId: string;
  readonly memberId: string;
  readonly journeyId: string;
  readonly reflectionId: string;
  readonly closer: CloserAnswer;
  readonly comfort: number;
  readonly channel: AnswerChannel;
  readonly answeredAt: Date;
}

export interface AnswerLinkUses {
  find(tenantId: string, nonce: string): Promise<AnswerLinkUse | undefined>;
  /** Keeps the first use of a nonce; recording it again changes nothing. */
  record(use: AnswerLinkUse): Promise<void>;
}

export const ANSWER_LINK_USES = Symbol('stepwise.answer-link-uses');
