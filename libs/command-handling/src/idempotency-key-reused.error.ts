import { CodedError } from '@stepwise/kernel';

/**
 * A client mutation id already used for a different operation, or for the same one with other
 * input. As payment APIs do, it is refused rather than answered with the first result; nothing is written.
 */
export class IdempotencyKeyReusedError extends CodedError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'This clientMutationId was already used for a different mutation or different input; send a new one',
      { field: 'clientMutationId' },
    );
  }
}
