/**
 * For specs of one-tap answers: links issued as the delivery side issues them (same key as the api),
 * taps over HTTP as a browser or Slack sends them, and what the store holds for a journey.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AnswerLinkSubject } from '@stepwise/nudges-domain';
import { answerLinks, AnswerLinkSigner, type AnswerLinkSet, slackAnswerValue, slackSignature, SLACK_ANSWER_BLOCK_ID, SLACK_COMFORT_ACTION_ID } from '@stepwise/nudges-infrastructure';
import { journeyStreamId, type CloserAnswer } from '@stepwise/journeys-domain';
import type { Clock } from '@stepwise/kernel';
import { http, type HttpResponse, type Stepwise } from '../../support/stepwise-harness';
import type { Person, StepwiseApi } from './stepwise-api';

export const LINK_KEY = randomBytes(32);
export const SLACK_SECRET = `slack-secret-${randomUUID()}`;

/** The settings that make the api verify with LINK_KEY and SLACK_SECRET. */
export const oneTapEnv = { STEPWISE_LINK_SIGNING_KEY: LINK_KEY.toString('base64'), STEPWISE_SLACK_SIGNING_SECRET: SLACK_SECRET };

export const issueLinks = (stepwise: Stepwise, clock: Clock, subject: Omit<AnswerLinkSubject, 'nudgeId'>, key: Buffer = LINK_KEY): AnswerLinkSet =>
  answerLinks(new AnswerLinkSigner(key), { ...subject, nudgeId: `nudge-${randomUUID()}` }, stepwise.url, clock.now());

export const openPage = (url: string): Promise<HttpResponse> => http(url);

/** The comfort form's submission, as the browser sends it from the page `url`. */
export const submitComfort = (url: string, closer: string, comfort: number | string): Promise<HttpResponse> =>
  http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ closer, comfort: String(comfort) }).toString(),
  });

/** The code a refusal page carries. */
export const pageCode = (response: HttpResponse): string | undefined => /<meta name="stepwise-code" content="([^"]+)">/.exec(response.body)?.[1];

/** A Slack user id for a member (what their SLACK channel address holds once `connectSlack` set it). */
export const slackUserIdOf = (memberId: string): string => `U${memberId.replace(/[^0-9a-z]/gi, '').slice(0, 20).toUpperCase()}`;

/** The member's Slack user id in their notification preferences, as a Slack app's direct messages reach them. */
export const connectSlack = (api: StepwiseApi, person: Person): Promise<unknown> =>
  api.mutate(person, 'updateNotificationPreferences', { memberId: person.memberId, channels: [{ channel: 'SLACK', address: slackUserIdOf(person.memberId) }, { channel: 'IN_APP' }] });

/** Who Slack says tapped: the link's own member unless told (a link too mangled to read names nobody). */
const tapperOf = (token: string): string => {
  try {
    return slackUserIdOf(new AnswerLinkSigner(LINK_KEY).verify(token).memberId);
  } catch {
    return 'U0TAPPER';
  }
};

export interface SlackTap {
  readonly token: string;
  /** The Slack user who tapped (default: the link's member, as connectSlack set them). */
  readonly userId?: string;
  readonly closer: CloserAnswer;
  readonly comfort?: number;
  /** Seconds to move Slack's timestamp from the clock's now. */
  readonly skewSeconds?: number;
  readonly secret?: string;
  /** Where Slack says to post what the tapper should see (the payload's `response_url`). */
  readonly responseUrl?: string;
}

/** A `block_actions` interaction for a tap on an answer button, signed as Slack signs it. */
export const slackTap = (stepwise: Stepwise, clock: Clock, tap: SlackTap): Promise<HttpResponse> => {
  const payload = {
    type: 'block_actions',
    user: { id: tap.userId ?? tapperOf(tap.token) },
    ...(tap.responseUrl !== undefined && { response_url: tap.responseUrl }),
    actions: [{ type: 'button', action_id: `stepwise_answer_closer_${tap.closer}`, block_id: SLACK_ANSWER_BLOCK_ID, value: slackAnswerValue(tap.closer, tap.token) }],
    state: {
      values: { [SLACK_ANSWER_BLOCK_ID]: { [SLACK_COMFORT_ACTION_ID]: { type: 'static_select', selected_option: tap.comfort ? { value: String(tap.comfort) } : null } } },
    },
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor(clock.now().getTime() / 1000) + (tap.skewSeconds ?? 0));
  return http(`${stepwise.url}/integrations/slack/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(tap.secret ?? SLACK_SECRET, timestamp, Buffer.from(body)),
    },
    body,
  });
};

/** What a tap could have written: the journey's events, and the used links of the tenant. */
export const written = async (stepwise: Stepwise, tenantId: string, journeyId: string): Promise<{ events: number; uses: number }> => {
  const { rows } = await stepwise.runtime.database.query<{ events: number | string; uses: number | string }>(
    `SELECT (SELECT count(*) FROM es_events WHERE tenant_id = $1 AND stream_id = $2) AS events,
            (SELECT count(*) FROM nudges.answer_link_uses WHERE tenant_id = $1) AS uses`,
    [tenantId, journeyStreamId(journeyId)],
  );
  return { events: Number(rows[0].events), uses: Number(rows[0].uses) };
};

/** A signature or claims character changed: what a forger or a mangled mail client produces. */
export const tampered = (token: string, part: 'claims' | 'signature'): string => {
  const [claims, signature] = token.split('.');
  const flip = (text: string, index: number) => text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1);
  return part === 'claims' ? `${flip(claims, 10)}.${signature}` : `${claims}.${flip(signature, 5)}`;
};
