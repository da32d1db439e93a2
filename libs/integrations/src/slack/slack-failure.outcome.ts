/**
 * What a failed Slack call means for the delivery: worth trying again (rate limits, Slack's own
 * trouble, no answer) or not (a bad token, an unknown user, a payload Slack refuses), and whether
 * the address is gone for good (an uninstalled app, a removed webhook, an archived channel).
 */
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { IncomingWebhookHTTPError, IncomingWebhookRequestError } from '@slack/webhook';
import type { DeliveryOutcome } from '../channel';
import { detailExcerpt } from '../detail-excerpt';
import { outboundFailureReasonOf, outboundRefusalIn } from '../http/outbound-refusal';
import { parseRetryAfter } from '../retry';

/**
 * `ok: false` errors that pass: Slack's own trouble, or a rate limit reported in the body (`ratelimited`,
 * and chat.postMessage's `rate_limited`, too many messages from the app; `message_limit_exceeded`, a
 * free workspace's members sending too many).
 */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'message_limit_exceeded',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);
/** What Slack's error codes look like; anything else in `error` is a body that was not Slack's JSON (a proxy's page, nothing). */
const SLACK_ERROR_CODE = /^[a-z][a-z0-9_]*$/;
/** `ok: false` errors that say the address will not work again: the app was removed, the person or channel is gone. */
const GONE_PLATFORM_ERRORS = new Set(['token_revoked', 'account_inactive', 'user_disabled', 'is_archived']);
/** Incoming-webhook bodies that say the webhook or its channel is gone (404 `no_service`, 410 `channel_is_archived`). */
const GONE_WEBHOOK_ERRORS = new Set(['no_service', 'channel_is_archived', 'channel_not_found', 'team_disabled']);


/** How Slack answered the request, as the sender's fetch saw it (the clients keep no Retry-After as it was sent). */
export interface SlackAnswer {
  readonly status: number | null;
  readonly retryAfter: string | null;
}

/**
 * A failed `chat.postMessage` from the Web API client (which was told not to retry by itself). A 429's
 * Retry-After is read as every channel reads it, not as the client did (with parseInt, `5abc` is 5 s
 * and `-5` is -5 s; an HTTP date it cannot read at all, and gives up without a typed error).
 */
export const outcomeOfWebApiFailure = (error: unknown, answer: SlackAnswer, now: Date): DeliveryOutcome => {
  if (error instanceof WebAPIRateLimitedError || answer.status === 429) {
    const retryAfterMs = parseRetryAfter(answer.retryAfter, now);
    const detail = retryAfterMs === null ? 'Slack rate limit, without a readable Retry-After' : `Slack rate limit: retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return { kind: 'retryable', statusCode: 429, detail, retryAfterMs };
  }
  if (error instanceof WebAPIPlatformError) {
    const code: unknown = error.data.error;
    const status = answer.status ?? 200;
    // The client reads a 200 that is not JSON as `ok: false` with the text as its error: not Slack refusing the message.
    if (typeof code !== 'string' || !SLACK_ERROR_CODE.test(code)) {
      // As it came, as a refusal's code is: links in it are marked and it is cut where the attempt is recorded, not before.
      return { kind: 'retryable', statusCode: status, detail: `the answer was not Slack's JSON (a proxy in the way?): ${typeof code === 'string' ? code : ''}`, retryAfterMs: null };
    }
    const detail = `Slack refused the message: ${code}`;
    if (TRANSIENT_PLATFORM_ERRORS.has(code)) return { kind: 'retryable', statusCode: status, detail, retryAfterMs: parseRetryAfter(answer.retryAfter, now) };
    return { kind: 'permanent', statusCode: 200, detail, disableAddress: GONE_PLATFORM_ERRORS.has(code) };
  }
  if (error instanceof WebAPIHTTPError) {
    return outcomeOfHttpStatus(error.statusCode, `Slack answered ${error.statusCode}: ${bodyText(error.body)}`, parseRetryAfter(error.headers['retry-after'] ?? null, now));
  }
  const refused = refusedAddress(error);
  if (refused) return refused;
  if (error instanceof WebAPIRequestError) return noAnswer(error.original);
  return noAnswer(error);
};

/** A failed incoming-webhook post; `retryAfter` is the answer's Retry-After header, which the client does not keep. */
export const outcomeOfWebhookFailure = (error: unknown, retryAfter: string | null, now: Date): DeliveryOutcome => {
  if (error instanceof IncomingWebhookHTTPError) {
    const body = bodyText(error.body);
    const outcome = outcomeOfHttpStatus(error.statusCode, `the Slack webhook answered ${error.statusCode}: ${body}`, parseRetryAfter(retryAfter, now));
    return outcome.kind === 'permanent' && GONE_WEBHOOK_ERRORS.has(body.trim()) ? { ...outcome, disableAddress: true } : outcome;
  }
  const refused = refusedAddress(error);
  if (refused) return refused;
  if (error instanceof IncomingWebhookRequestError) return noAnswer(error.original);
  return noAnswer(error);
};

/** The outbound client refused the address (private, not https, a redirect): no later attempt can succeed. */
const refusedAddress = (error: unknown): DeliveryOutcome | undefined => {
  const refusal = outboundRefusalIn(error);
  return refusal && { kind: 'permanent', statusCode: null, detail: `the address was refused: ${refusal.code}: ${refusal.message}`, disableAddress: false, reason: refusal.reason };
};

/** 408, 429 and 5xx pass; other statuses are the request's fault; 410 says the address is gone. */
export const outcomeOfHttpStatus = (statusCode: number, detail: string, retryAfter: number | null): DeliveryOutcome =>
  statusCode === 408 || statusCode === 429 || statusCode >= 500
    ? { kind: 'retryable', statusCode, detail, retryAfterMs: retryAfter }
    : { kind: 'permanent', statusCode, detail, disableAddress: statusCode === 410 };

const noAnswer = (error: unknown): DeliveryOutcome => ({
  kind: 'retryable',
  statusCode: null,
  detail: `no answer from Slack: ${describeError(error)}`,
  retryAfterMs: null,
  reason: outboundFailureReasonOf(error),
});

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeCode = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return causeCode ? `${error.message} (${causeCode})` : error.message;
};

const bodyText = (body: unknown): string => {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return detailExcerpt(text);
};
