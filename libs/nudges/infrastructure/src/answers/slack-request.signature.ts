/**
 * Slack's request signing (v0): `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256, keyed with the
 * app's signing secret, of `v0:{X-Slack-Request-Timestamp}:{raw body}`. A timestamp more than five
 * minutes from now is refused, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CodedError } from '@stepwise/kernel';

export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * Why a request was refused: a header absent (MISSING_*), present but not in Slack's form
 * (MALFORMED_*: a signature other than `v0=` and 64 hex digits, a timestamp other than whole
 * seconds), signed too long ago or ahead (STALE_TIMESTAMP), or signed with another secret or body.
 */
export type SlackSignatureProblem = 'MISSING_SIGNATURE' | 'MISSING_TIMESTAMP' | 'MALFORMED_SIGNATURE' | 'MALFORMED_TIMESTAMP' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

export class SlackSignatureInvalidError extends CodedError {
  constructor(readonly problem: SlackSignatureProblem) {
    super('SLACK_SIGNATURE_INVALID', 'The request does not carry a valid Slack signature', { reason: problem });
  }
}

export interface SlackSignedRequest {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: Buffer;
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export const slackSignature = (signingSecret: string, timestamp: string, rawBody: Buffer): string =>
  `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;

/** Throws SlackSignatureInvalidError unless the request is Slack's, signed within the tolerance of `now`. */
export const verifySlackRequest = (signingSecret: string, request: SlackSignedRequest, now: Date): void => {
  const { timestamp, signature, rawBody } = request;
  if (signature === undefined) throw new SlackSignatureInvalidError('MISSING_SIGNATURE');
  if (timestamp === undefined) throw new SlackSignatureInvalidError('MISSING_TIMESTAMP');
  const match = SIGNATURE.exec(signature);
  if (!match) throw new SlackSignatureInvalidError('MALFORMED_SIGNATURE');
  if (!TIMESTAMP.test(timestamp)) throw new SlackSignatureInvalidError('MALFORMED_TIMESTAMP');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_TIMESTAMP_TOLERANCE_SECONDS) throw new SlackSignatureInvalidError('STALE_TIMESTAMP');
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody).slice(3), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) throw new SlackSignatureInvalidError('BAD_SIGNATURE');
};
