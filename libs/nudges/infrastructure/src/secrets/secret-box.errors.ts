import { CodedError, isCodedError } from '@stepwise/kernel';

/** The sealed value was altered, truncated or is not a sealed value at all: nothing is returned. */
export class SecretUnsealError extends CodedError {
  constructor(reason: 'MALFORMED' | 'AUTHENTICATION_FAILED') {
    super('SECRET_UNSEAL_FAILED', 'A sealed secret could not be opened: it is malformed or was altered', { reason });
  }
}

/** Sealed under a key this process does not hold (another deployment's, or a key rotated out). */
export class SecretKeyUnknownError extends CodedError {
  constructor(keyId: string) {
    super('SECRET_KEY_UNKNOWN', 'A sealed secret names a secrets key this process does not hold; every process needs the same STEPWISE_SECRETS_KEY', { keyId });
  }
}

const UNOPENED_CODES = new Set(['SECRET_UNSEAL_FAILED', 'SECRET_KEY_UNKNOWN']);

/**
 * Why `what` (a team's Slack settings, an endpoint's signing secret) cannot be used, when `error` is
 * a sealed secret this process cannot open; undefined for any other failure, which stays the
 * caller's to throw. One organisation's unreadable secret makes that one thing unavailable, never
 * the work of the others.
 */
export const unopenedSecretReason = (error: unknown, what: string): string | undefined =>
  isCodedError(error) && UNOPENED_CODES.has(error.code) ? `${what} cannot be opened (${error.code}): every process needs the same STEPWISE_SECRETS_KEY` : undefined;
