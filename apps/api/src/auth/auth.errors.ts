import { CodedError } from '@stepwise/kernel';

export class UnauthenticatedError extends CodedError {
  constructor(reason: string) {
    super('UNAUTHENTICATED', `Authentication failed: ${reason}`);
  }
}

/** The identity provider's keys could not be fetched: the token was not judged, and may be good. */
export class AuthenticationUnavailableError extends CodedError {
  constructor() {
    super('AUTHENTICATION_UNAVAILABLE', "Tokens cannot be checked right now: the identity provider's keys could not be fetched; try again shortly");
  }
}
