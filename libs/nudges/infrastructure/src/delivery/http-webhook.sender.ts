/**
 * A plain HTTP webhook sender: one signed POST per attempt (Standard Webhooks headers), its answer
 * classified as the channel contract says. The delivery path's stand-in until the integrations'
 * webhook sender (address checks after DNS resolution, encrypted secrets) is wired in its place; it
 * does no address checking of its own, so it is for receivers an operator configured.
 */
import { createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DeliveryAttempt, DeliveryOutcome } from '@stepwise/integrations';
import type { WebhookPayload, WebhookSender, WebhookTarget } from './delivery.ports';

/** A receiver's own words are kept short in the attempt record. */
const DETAIL_LIMIT = 300;

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | string[] | undefined, now: Date): number | null => {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
};

/** Standard Webhooks: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret (`whsec_` + base64 key). */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    })
    .join(' ');

export const classifyResponse = (statusCode: number, retryAfterMs: number | null, detail: string): DeliveryOutcome => {
  if (statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode, detail: null };
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) return { kind: 'retryable', statusCode, detail, retryAfterMs };
  return { kind: 'permanent', statusCode, detail, disableAddress: statusCode === 410 };
};

export interface HttpWebhookSenderOptions {
  /** An attempt that has not had its whole answer by then is abandoned and retried. */
  readonly timeoutMs: number;
}

export class HttpWebhookSender implements WebhookSender {
  readonly channel = 'WEBHOOK' as const;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly options: HttpWebhookSenderOptions) {}

  send(payload: WebhookPayload, target: WebhookTarget, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(attempt.at.getTime() / 1000);
    let url: URL;
    try {
      url = new URL(target.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
    } catch (error) {
      return Promise.resolve({ kind: 'permanent', statusCode: null, detail: `bad endpoint URL: ${(error as Error).message}`, disableAddress: false });
    }
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'user-agent': 'Stepwise-Webhooks/1',
      'webhook-id': attempt.deliveryId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(target.secrets, attempt.deliveryId, timestamp, body),
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    return new Promise<DeliveryOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: DeliveryOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const sent = request(url, { method: 'POST', headers, agent }, (response: IncomingMessage) => {
        let detail = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (detail.length < DETAIL_LIMIT) detail += chunk;
        });
        response.on('end', () =>
          settle(classifyResponse(response.statusCode ?? 0, parseRetryAfter(response.headers['retry-after'], new Date()), `HTTP ${response.statusCode}: ${detail.slice(0, DETAIL_LIMIT)}`.trim())),
        );
        response.on('error', (error) => settle({ kind: 'retryable', statusCode: response.statusCode ?? null, detail: `response failed: ${error.message}`, retryAfterMs: null }));
      });
      const timer = setTimeout(() => {
        settle({ kind: 'retryable', statusCode: null, detail: `no answer within ${this.options.timeoutMs} ms`, retryAfterMs: null });
        sent.destroy();
      }, this.options.timeoutMs);
      sent.on('error', (error) => settle({ kind: 'retryable', statusCode: null, detail: `request failed: ${error.message}`, retryAfterMs: null }));
      sent.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
