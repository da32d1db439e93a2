import { CodedError } from '@stepwise/kernel';

export class UnauthenticatedError extends CodedError {
  constructor(reason: string) {
    super('UNAUTHENTICATED', `Authentication failed: ${reason}`);
  }
}
