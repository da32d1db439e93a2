/**
 * A nudge's message as one member channel sends it. The stored message is the same for every
 * channel; at the moment of sending it gets:
 * - no raw facts (they are ids and numbers for webhooks; the lines already say what matters);
 * - for a reflection nudge sent to the member alone (Slack direct message, email), one-tap answer
 *   links, signed for that member. Their nonce derives from the delivery, so every attempt (and a
 *   replay) carries links used up together: one answer per nudge, however many copies arrived.
 * Shared channels (a team's Slack or Teams channel) get no answer links: anyone there could follow
 * them and answer as the member. A nudge of the member's own (reflect on your step, your commitment)
 * says there whom it is for (`forSharedChannel`); a team's nudge speaks to the team as it is. The token of every link composed is told to `carries`, so that no
 * attempt's record keeps it whatever the receiver answers.
 */
import { createHash } from 'node:crypto';
import type { DeliveryAttempt, NudgeMessage } from '@stepwise/integrations';
import { answerLinkSubjectOf, DIGEST_LINES_OUTSIDE_FACT, NUDGE_RULE_AUDIENCES, type OwedNudge } from '@stepwise/nudges-domain';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';
import { answerLinks, type AnswerLinkSet } from '../answers/answer-links';
import type { AnswerLinkSigner } from '../answers/answer-link.signer';
import type { LinkTokenSink } from '../delivery/delivery.ports';

export interface AnswerLinkIssuer {
  readonly signer: AnswerLinkSigner;
  /** The api as people reach it (STEPWISE_PUBLIC_URL): the base of every link. */
  readonly publicUrl: string;
}

export type Audience = 'member' | 'shared';

export interface ComposedMessage {
  readonly message: NudgeMessage;
  /** The answer links it carries; null when it carries none. */
  readonly links: AnswerLinkSet | null;
}

/** 32 hex digits from the delivery id: the same for every attempt of one delivery, different for every delivery. */
export const answerNonceOf = (deliveryId: string): string => createHash('sha256').update('stepwise answer link nonce\n').update(deliveryId).digest('hex').slice(0, 32);

/**
 * A weekly digest leaves Stepwise without its journeys' mean comfort (DIGEST_LINES_OUTSIDE_FACT): on
 * these channels an admin who runs the SMTP server, holds the Slack bot's token or changed the
 * leader's address could read it, and a journey's mean may be one person's. A digest owed before
 * those lines were written goes out with its totals alone, as a webhook carries it.
 */
const outsideStepwise = (message: NudgeMessage, nudge: OwedNudge): NudgeMessage => {
  if (nudge.rule !== 'WEEKLY_DIGEST') return message;
  const outside = nudge.facts[DIGEST_LINES_OUTSIDE_FACT];
  const { [DIGEST_LINES_OUTSIDE_FACT]: _outside, lines: _lines, ...rest } = nudge.facts;
  return renderNudgeMessage({ ...nudge, facts: typeof outside === 'string' ? { ...rest, lines: outside } : rest });
};

export const composeMemberMessage = (
  message: NudgeMessage,
  nudge: OwedNudge,
  attempt: DeliveryAttempt,
  audience: Audience,
  issuer: AnswerLinkIssuer,
  carries: LinkTokenSink,
): ComposedMessage => {
  const plain: NudgeMessage = { ...outsideStepwise(message, nudge), facts: {}, actions: [] };
  const subject = audience === 'member' ? answerLinkSubjectOf(nudge) : null;
  if (!subject) return { message: plain, links: null };
  const links = answerLinks(issuer.signer, subject, issuer.publicUrl, attempt.at, answerNonceOf(attempt.deliveryId));
  carries(links.token);
  return { message: { ...plain, actions: links.actions }, links };
};

/**
 * Nudges meant for leaders alone, never posted where the whole team reads (a team's Slack or Teams
 * channel): those that speak of one member's comfort or request for support, and the weekly digest,
 * whose comfort figures may stand for one or two people. Their recipient is reached on the next
 * preferred channel instead. The reason recorded with the attempt is the same for all of them: an
 * admin reads it beside the delivery (`deadLetters`), and a reason naming the low-comfort rule would
 * tell them that someone's comfort was low, which their view of the team leaves out.
 */
const PRIVATE_RULES: ReadonlySet<string> = new Set(['SUPPORT_LOW_COMFORT', 'SUPPORT_WAITING', 'WEEKLY_DIGEST']);

const SHARED_CHANNEL_REFUSAL = "the team's channel is shared, and this nudge is for its recipient alone";

/** A member's own nudge in a shared channel names them; without their name it would be a "you" nobody there can place. */
const UNNAMED_REFUSAL = "the team's channel is shared, and the recipient's name, to say whom this nudge is for, is not known";

const isPersonal = (nudge: OwedNudge): boolean => NUDGE_RULE_AUDIENCES[nudge.rule] === 'member';

export const sharedChannelRefusal = (nudge: OwedNudge, recipientName: string | null): string | null => {
  if (PRIVATE_RULES.has(nudge.rule)) return SHARED_CHANNEL_REFUSAL;
  return isPersonal(nudge) && !recipientName?.trim() ? UNNAMED_REFUSAL : null;
};

/**
 * The message as a channel the whole team reads shows it: a member's own nudge opens with whom it
 * is for (`For Ada Lovelace:`), so its "you" is theirs; a team's nudge is the same for all of them.
 */
export const forSharedChannel = (message: NudgeMessage, nudge: OwedNudge, recipientName: string | null): NudgeMessage => {
  const name = recipientName?.trim();
  if (!isPersonal(nudge) || !name) return message;
  const addressed = `For ${name}:`;
  return { ...message, text: `${addressed} ${message.text}`, lines: [addressed, ...message.lines] };
};
