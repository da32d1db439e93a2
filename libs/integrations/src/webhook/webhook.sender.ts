/**
 * Customer webhooks: one signed POST per attempt through the address-filtering client, and what its
 * answer means for the delivery. `webhook-id` is the delivery id, so it is the same on every retry
 * and receivers can drop duplicates. A redirect is not followed (Standard Webhooks: a 3xx is a
 * failure; the endpoint's URL is to be updated): followed, a 301, 302 or 303 would turn the POST into
 * a GET without the payload, and its 200 would be recorded as a delivery that never arrived.
 */
import { isCodedError } from '@stepwise/kernel';
import type { ChannelSender, DeliveryAttempt, DeliveryOutcome } from '../channel';
import { OutboundRequestFailed, OutboundRequestRefused, postJson, type OutboundHttpOptions, type OutboundResponse } from '../http';
import { classifyHttpStatus, parseRetryAfter } from '../retry';
import type { WebhookPayload, WebhookTarget } from './webhook.payload';
import { signWebhook } from './webhook-signature';

export const WEBHOOK_USER_AGENT = 'Stepwise-Webhooks/1';
const DETAIL_BODY_CHARS = 200;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface WebhookSenderOptions {
  readonly http?: OutboundHttpOptions;
}

export class WebhookSender implements ChannelSender<WebhookPayload, WebhookTarget> {
  readonly channel = 'WEBHOOK' as const;

  constructor(private readonly options: WebhookSenderOptions = {}) {}

  async send(payload: WebhookPayload, target: WebhookTarget, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(attempt.at.getTime() / 1000);
    if (target.secretsUnavailable !== undefined) {
      return { kind: 'permanent', statusCode: null, detail: `endpoint ${target.endpointId}: ${target.secretsUnavailable}`, disableAddress: false };
    }
    let signature: string;
    try {
      signature = signWebhook({ id: attempt.deliveryId, timestamp, body }, target.secrets);
    } catch (error) {
      // A stored secret that does not parse: the endpoint needs a new one; retrying cannot help.
      if (!(error instanceof RangeError) && !isCodedError(error)) throw error;
      return { kind: 'permanent', statusCode: null, detail: `endpoint ${target.endpointId} has no valid signing secret: ${error.message}`, disableAddress: false };
    }
    const headers = {
      'user-agent': WEBHOOK_USER_AGENT,
      'webhook-id': attempt.deliveryId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    try {
      return outcomeOf(await postJson(target.url, body, headers, { ...this.options.http, redirect: 'manual' }), attempt.at);
    } catch (error) {
      if (error instanceof OutboundRequestRefused) {
        return { kind: 'permanent', statusCode: null, detail: `${error.code}: ${error.message}`, disableAddress: false, reason: error.reason };
      }
      if (error instanceof OutboundRequestFailed) {
        return { kind: 'retryable', statusCode: null, detail: `${error.code}: ${error.message}`, retryAfterMs: null, reason: error.reason };
      }
      throw error;
    }
  }
}

const outcomeOf = (response: OutboundResponse, at: Date): DeliveryOutcome => {
  const statusClass = classifyHttpStatus(response.status);
  const said = response.bodyExcerpt.trim();
  // Cut short, it says so: an admin reading the attempt knows the receiver said more.
  const excerpt = said.length > DETAIL_BODY_CHARS ? `${said.slice(0, DETAIL_BODY_CHARS).trimEnd()}…` : said;
  const detail = excerpt === '' ? `HTTP ${response.status}` : `HTTP ${response.status}: ${excerpt}`;
  switch (statusClass.kind) {
    case 'delivered':
      return { kind: 'delivered', statusCode: response.status, detail };
    case 'retryable':
      return { kind: 'retryable', statusCode: response.status, detail, retryAfterMs: parseRetryAfter(response.headers['retry-after'], at) };
    case 'permanent':
      return {
        kind: 'permanent',
        statusCode: response.status,
        detail: REDIRECTS.has(response.status) ? `${detail} (a redirect, which is not followed: give the endpoint the URL it moved to)` : detail,
        disableAddress: statusClass.disableAddress,
      };
  }
};
