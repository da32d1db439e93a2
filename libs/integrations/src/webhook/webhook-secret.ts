/**
 * Endpoint signing secrets in the Standard Webhooks form `whsec_<base64 of 24–64 random bytes>`:
 * made here for a new endpoint or a rotation, or checked when an administrator brings their own.
 */
import { randomBytes } from 'node:crypto';
import { invalid } from '@stepwise/kernel';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
const DEFAULT_SECRET_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const newWebhookSecret = (bytes: number = DEFAULT_SECRET_BYTES): string => {
  if (!Number.isInteger(bytes) || bytes < WEBHOOK_SECRET_MIN_BYTES || bytes > WEBHOOK_SECRET_MAX_BYTES) {
    throw new RangeError(`a webhook secret has ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes`);
  }
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(bytes).toString('base64')}`;
};

/** The key bytes of a well-formed secret; a ValidationError (VALIDATION_FAILED, naming `field`) otherwise. */
export const webhookSecretKey = (field: string, value: unknown): Buffer => {
  if (typeof value !== 'string' || !value.startsWith(WEBHOOK_SECRET_PREFIX)) {
    return invalid(field, 'NOT_A_WEBHOOK_SECRET', `${field} must be a webhook secret starting with ${WEBHOOK_SECRET_PREFIX}`);
  }
  const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) {
    return invalid(field, 'NOT_A_WEBHOOK_SECRET', `${field} must be ${WEBHOOK_SECRET_PREFIX} followed by standard base64`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < WEBHOOK_SECRET_MIN_BYTES || key.length > WEBHOOK_SECRET_MAX_BYTES) {
    return invalid(
      field,
      'WEBHOOK_SECRET_LENGTH',
      `${field} must encode ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes, not ${key.length}`,
      { minBytes: WEBHOOK_SECRET_MIN_BYTES, maxBytes: WEBHOOK_SECRET_MAX_BYTES },
    );
  }
  return key;
};

/** An administrator-supplied secret, returned as given when well formed. */
export const validWebhookSecret = (field: string, value: unknown): string => {
  webhookSecretKey(field, value);
  return value as string;
};
