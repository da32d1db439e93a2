/** Checks of a webhook endpoint's fields; each failure names its field. */
import { hasReachableHost, integerInRange, invalid, optionalText, requiredUrlText } from '@stepwise/kernel';
import { isWebhookSubscription, WEBHOOK_SUBSCRIPTIONS } from './webhook-event-catalogue';

export const WEBHOOK_URL_MAX_LENGTH = 2048;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
/** How long a rotated-out secret still verifies by default: receivers switch within a day. */
export const DEFAULT_SECRET_GRACE_MINUTES = 24 * 60;
export const SECRET_GRACE_MINUTES_RANGE = { min: 0, max: 7 * 24 * 60 } as const;

/**
 * An absolute http(s) URL without credentials or fragment, as its normalised href; no whitespace or
 * control character in it, which the parser would encode or drop. Whether plain http is acceptable
 * is the deployment's call (local development only), made by the application.
 */
export const validWebhookUrl = (value: unknown): string => {
  const text = requiredUrlText('url', value, WEBHOOK_URL_MAX_LENGTH);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('url', 'INVALID_FORMAT', 'url must be an absolute URL such as https://example.com/webhooks');
  }
  // A host no name can have ("a..b", "-") or port 0 parses, and no request can ever reach it.
  if (!hasReachableHost(url)) return invalid('url', 'INVALID_FORMAT', 'url must be an absolute URL such as https://example.com/webhooks');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid('url', 'HTTPS_REQUIRED', 'url must start with https://');
  if (url.username !== '' || url.password !== '') return invalid('url', 'CREDENTIALS_NOT_ALLOWED', 'url must not carry a user name or password');
  // An empty fragment (`…/x#`) parses to an empty hash, but the text still carries one.
  if (url.hash !== '' || text.includes('#')) return invalid('url', 'FRAGMENT_NOT_ALLOWED', 'url must not have a #fragment');
  if (url.href.length > WEBHOOK_URL_MAX_LENGTH) return invalid('url', 'TOO_LONG', `url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`, { max: WEBHOOK_URL_MAX_LENGTH });
  return url.href;
};

/** An optional label on one line: no line break or other control character (it is shown in lists and logs). */
export const validWebhookDescription = (value: unknown): string | null => {
  const description = optionalText('description', value, WEBHOOK_DESCRIPTION_MAX_LENGTH);
  if (description !== null && /[\p{Cc}\p{Zl}\p{Zp}]/u.test(description)) return invalid('description', 'INVALID_FORMAT', 'description must be one line, without control characters');
  return description;
};

/** At least one, each a known event type or `nudge`, each once. */
export const validSubscriptions = (value: unknown): string[] => {
  if (!Array.isArray(value) || value.length === 0) return invalid('subscriptions', 'REQUIRED', 'subscriptions must list at least one event type or nudge');
  const seen = new Set<string>();
  return value.map((item, index) => {
    const field = `subscriptions[${index}]`;
    if (!isWebhookSubscription(item)) return invalid(field, 'UNKNOWN_EVENT_TYPE', `${field} must be an event type name or nudge`, { allowed: WEBHOOK_SUBSCRIPTIONS });
    if (seen.has(item)) return invalid(field, 'DUPLICATE', `${item} is listed more than once`);
    seen.add(item);
    return item;
  });
};

export const validGracePeriodMinutes = (value: unknown): number =>
  value === undefined || value === null
    ? DEFAULT_SECRET_GRACE_MINUTES
    : integerInRange('gracePeriodMinutes', value, SECRET_GRACE_MINUTES_RANGE.min, SECRET_GRACE_MINUTES_RANGE.max);

/** A receiver's HTTP status code, as the delivery reports it. */
export const validStatusCode = (value: unknown): number => integerInRange('statusCode', value, 100, 599);
