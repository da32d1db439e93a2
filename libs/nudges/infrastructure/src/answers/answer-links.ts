/**
 * The links a reflection nudge carries: one per answer to "are we closer?", each opening a small
 * page that asks "how comfortable am I?" (1 to 5) and records both with the second tap. Opening a
 * link never writes: mail scanners and link previews fetch every GET they see.
 */
import type { MessageAction } from '@stepwise/integrations';
import { CLOSER_ANSWERS, type CloserAnswer } from '@stepwise/journeys-domain';
import type { AnswerLinkSubject } from '@stepwise/nudges-domain';
import type { AnswerLinkSigner } from './answer-link.signer';

export const ANSWER_PATH = 'answers';

export const CLOSER_LABELS: Readonly<Record<CloserAnswer, string>> = {
  YES: 'Yes, closer',
  NO: 'No, not closer',
  UNSURE: 'Unsure',
};

export interface AnswerLinkSet {
  /** The signed token every link and button of this nudge carries. */
  readonly token: string;
  /** ISO instant the links stop working. */
  readonly expiresAt: string;
  /** The page asking both questions, for channels with room for one link only. */
  readonly pageUrl: string;
  /** YES, NO and UNSURE, in that order, each with its direction chosen. */
  readonly actions: readonly MessageAction[];
}

const base = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('baseUrl must be an http(s) URL');
  return url.toString().replace(/\/+$/, '');
};

export const answerPageUrl = (baseUrl: string, token: string, closer?: CloserAnswer): string =>
  `${base(baseUrl)}/${ANSWER_PATH}/${token}${closer ? `?closer=${closer}` : ''}`;

/** Issues a single-use link for the nudge's member (a fresh one, or the one `nonce` names) and the answer actions that carry it. */
export const answerLinks = (signer: AnswerLinkSigner, nudge: AnswerLinkSubject, baseUrl: string, now: Date, nonce?: string): AnswerLinkSet => {
  const { token, claims } = signer.issue(nudge, now, nonce);
  return {
    token,
    expiresAt: claims.expiresAt.toISOString(),
    pageUrl: answerPageUrl(baseUrl, token),
    actions: CLOSER_ANSWERS.map((closer) => ({ label: CLOSER_LABELS[closer], url: answerPageUrl(baseUrl, token, closer) })),
  };
};
