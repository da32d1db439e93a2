/**
 * What a Workflows webhook's answer means for the delivery. Any 2xx is delivered (the trigger
 * answers 202 Accepted; some flows answer 200). 408, 429 and 5xx are worth trying again, after
 * Retry-After where given; a redirect is not followed (the address moved, someone must look); other
 * statuses are the request's fault; 404 and 410 say the flow is gone.
 */
import type { DeliveryOutcome } from '../channel';
import { detailExcerpt } from '../detail-excerpt';
import { parseRetryAfter } from '../retry';

export const outcomeOfTeamsAnswer = (statusCode: number, body: string, retryAfter: string | null, now: Date): DeliveryOutcome => {
  const said = body.trim() === '' ? '' : `: ${detailExcerpt(body.trim())}`;
  if (statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode, detail: body.trim() === '' ? null : said.slice(2) };
  const detail = `the Teams webhook answered ${statusCode}${said}`;
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    return { kind: 'retryable', statusCode, detail, retryAfterMs: parseRetryAfter(retryAfter, now) };
  }
  if (statusCode >= 300 && statusCode < 400) {
    return { kind: 'permanent', statusCode, detail: `${detail} (a redirect, which is not followed)`, disableAddress: false };
  }
  return { kind: 'permanent', statusCode, detail, disableAddress: statusCode === 404 || statusCode === 410 };
};
