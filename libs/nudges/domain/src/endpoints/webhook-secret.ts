/**
 * Signing secrets in the Standard Webhooks form: `whsec_` and the base64 of 24 to 64 random bytes.
 * An admin may supply one (checked here) or have one generated; either way it is sealed before it
 * reaches a command, and is never read back by any query.
 */
import { invalid } from '@stepwise/kernel';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_SECRET_BYTES = { min: 24, max: 64 } as const;
/** Bytes of a generated secret. */
export const GENERATED_WEBHOOK_SECRET_BYTES = 32;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The number of bytes a canonical base64 string decodes to. */
const decodedLength = (base64: string): number => (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

export const validWebhookSecret = (field: string, value: unknown): string => {
  const message = `${field} must be ${WEBHOOK_SECRET_PREFIX} followed by the base64 of ${WEBHOOK_SECRET_BYTES.min} to ${WEBHOOK_SECRET_BYTES.max} random bytes`;
  if (typeof value !== 'string' || !value.startsWith(WEBHOOK_SECRET_PREFIX)) return invalid(field, 'INVALID_FORMAT', message);
  const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (encoded.length === 0 || !BASE64.test(encoded)) return invalid(field, 'INVALID_FORMAT', message);
  const bytes = decodedLength(encoded);
  if (bytes < WEBHOOK_SECRET_BYTES.min || bytes > WEBHOOK_SECRET_BYTES.max) return invalid(field, 'OUT_OF_RANGE', message, { ...WEBHOOK_SECRET_BYTES });
  return value;
};
