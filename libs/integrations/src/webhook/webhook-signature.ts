/**
 * Standard Webhooks signing: HMAC-SHA256 over `${id}.${timestamp}.${body}`, base64, as `v1,<sig>`.
 * One signature per secret, space-separated, so during a rotation a receiver holding either the old
 * or the new secret verifies the same message.
 */
import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret';

export interface WebhookSignatureInput {
  readonly id: string;
  /** Seconds since the epoch, as sent in `webhook-timestamp`. */
  readonly timestamp: number;
  /** The exact body sent. */
  readonly body: string;
}

export const signWebhook = (message: WebhookSignatureInput, secrets: readonly string[]): string => {
  if (secrets.length === 0) throw new RangeError('a webhook is signed with at least one secret');
  const signed = `${message.id}.${message.timestamp}.${message.body}`;
  return secrets
    .map((secret, index) => `v1,${createHmac('sha256', webhookSecretKey(`secrets[${index}]`, secret)).update(signed, 'utf8').digest('base64')}`)
    .join(' ');
};
