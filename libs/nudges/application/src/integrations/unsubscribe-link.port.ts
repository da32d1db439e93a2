import type { UnsubscribeLinkClaims } from '@stepwise/nudges-domain';

/** Checks an unsubscribe link's signature and reads its claims; throws UnsubscribeLinkInvalidError otherwise. */
export interface UnsubscribeLinkVerifier {
  verify(token: string): UnsubscribeLinkClaims;
}

export const UNSUBSCRIBE_LINK_VERIFIER = Symbol('stepwise.unsubscribe-link-verifier');
