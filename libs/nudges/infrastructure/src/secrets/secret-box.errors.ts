import { CodedError } from '@stepwise/kernel';

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
