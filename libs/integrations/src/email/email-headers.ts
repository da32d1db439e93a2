/**
 * The headers that make a nudge email well-behaved: a Message-ID built from the delivery id (the
 * same on every attempt, so a retry that reached the server twice is recognisable as one message),
 * the delivery id and attempt in headers of their own, and RFC 8058 one-click unsubscribe
 * (`List-Unsubscribe` with the https URL and an optional mailto, `List-Unsubscribe-Post`).
 * Pure; the URLs were checked before (https, mailto:).
 */
import { createHash } from 'node:crypto';
import type { DeliveryAttempt } from '../channel';
import type { EmailUnsubscribe } from './email.address';

export const DELIVERY_ID_HEADER = 'X-Stepwise-Delivery-Id';
export const ATTEMPT_HEADER = 'X-Stepwise-Attempt';

export interface NudgeEmailHeaders {
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A delivery id as it may stand in a header: letters, digits and `._-`; anything else is hashed. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,200}$/;

export const nudgeEmailHeaders = (attempt: DeliveryAttempt, fromAddress: string, unsubscribe?: EmailUnsubscribe): NudgeEmailHeaders => {
  const id = SAFE_ID.test(attempt.deliveryId) ? attempt.deliveryId : createHash('sha256').update(attempt.deliveryId).digest('hex');
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  return {
    messageId: `<nudge.${id}@${domain}>`,
    headers: {
      [DELIVERY_ID_HEADER]: id,
      [ATTEMPT_HEADER]: String(attempt.attemptNumber),
      ...(unsubscribe ? listUnsubscribe(unsubscribe) : {}),
    },
  };
};

const listUnsubscribe = ({ url, mailto }: EmailUnsubscribe): Record<string, string> => ({
  'List-Unsubscribe': [url, ...(mailto ? [mailto] : [])].map((target) => `<${headerSafeUrl(target)}>`).join(', '),
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

/** Serialised by the URL parser (no spaces, no angle brackets), with commas encoded as RFC 2369 asks. */
const headerSafeUrl = (raw: string): string => new URL(raw).href.replace(/,/g, '%2C');
