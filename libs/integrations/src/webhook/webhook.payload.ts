/**
 * What a customer's endpoint receives: the Standard Webhooks payload shape. `type` is a domain event
 * type (`ReflectionRecorded`, `StepTaken` …) or `nudge`; `timestamp` is when the thing happened (ISO).
 */
import type { NudgeMessage } from '../channel';

export interface WebhookPayload {
  readonly type: string;
  readonly timestamp: string;
  readonly data: object;
}

/** One customer endpoint, with its signing secrets newest first (two while a rotation is under way). */
export interface WebhookTarget {
  readonly endpointId: string;
  readonly url: string;
  /** Standard Webhooks `whsec_<base64>` secrets. */
  readonly secrets: readonly string[];
  /**
   * Why the endpoint's secrets could not be read, when they could not (`secrets` is then empty): a
   * delivery to it fails for good with this reason, and nothing is ever sent unsigned.
   */
  readonly secretsUnavailable?: string;
}

export const NUDGE_WEBHOOK_TYPE = 'nudge';

/** A nudge as a webhook: the rendered message, so the receiver can show or route it as it is. */
export const nudgeWebhookPayload = (message: NudgeMessage, at: Date): WebhookPayload => ({
  type: NUDGE_WEBHOOK_TYPE,
  timestamp: at.toISOString(),
  data: {
    nudgeId: message.nudgeId,
    organisationId: message.organisationId,
    rule: message.rule,
    recipientId: message.recipientId,
    title: message.title,
    text: message.text,
    lines: message.lines,
    actions: message.actions,
    facts: message.facts,
  },
});
