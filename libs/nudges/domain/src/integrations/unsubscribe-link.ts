/**
 * What a one-click unsubscribe link (RFC 8058) carries: the member, in which organisation, and the
 * rule they stop receiving. It never expires and may be used any number of times: unsubscribing
 * twice leaves the rule off, as once did. The claims are signed as a whole by the infrastructure.
 */
import { CodedError } from '@stepwise/kernel';
import type { NudgeRule } from '../nudge-rules';

export interface UnsubscribeLinkClaims {
  readonly tenantId: string;
  readonly memberId: string;
  readonly rule: NudgeRule;
}

export type UnsubscribeLinkInvalidReason = 'MALFORMED' | 'BAD_SIGNATURE';

export class UnsubscribeLinkInvalidError extends CodedError {
  constructor(readonly reason: UnsubscribeLinkInvalidReason) {
    super('UNSUBSCRIBE_LINK_INVALID', 'This unsubscribe link is not valid; use the link from your latest email', { reason });
  }
}
