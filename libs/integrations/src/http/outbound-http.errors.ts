/**
 * Why an outbound request did not produce a response. Two types, because callers treat them
 * differently: a refusal is about the address and trying again cannot help; a failure is about the
 * network or the receiver and may pass.
 */
import { CodedError } from '@stepwise/kernel';

export const OUTBOUND_REFUSAL_REASONS = [
  /** Not a URL at all. */
  'INVALID_URL',
  /** Anything but http: and https: (file:, gopher:, ftp:, data:, javascript: …). */
  'UNSUPPORTED_SCHEME',
  /** user:password@ in the URL: credentials never travel in an address we store and log. */
  'CREDENTIALS_IN_URL',
  /** The host is, or resolves to, a private, loopback, link-local, metadata or otherwise non-public address. */
  'PRIVATE_ADDRESS',
  /** More redirects than the client follows. */
  'TOO_MANY_REDIRECTS',
  /** A redirect where the caller asked for none (fetch's `redirect: 'error'`). */
  'REDIRECT_NOT_ALLOWED',
  /** A response body larger than the caller will read whole. */
  'RESPONSE_TOO_LARGE',
  /** The name does not exist in DNS (a typo or a retired domain, not a passing DNS fault). */
  'UNRESOLVABLE_HOST',
] as const;
export type OutboundRefusalReason = (typeof OUTBOUND_REFUSAL_REASONS)[number];

export const OUTBOUND_FAILURE_REASONS = [
  /** The whole request (every redirect hop included) took longer than its timeout. */
  'TIMEOUT',
  /** Refused or reset connections, TLS failures, a passing DNS fault. */
  'CONNECTION_FAILED',
] as const;
export type OutboundFailureReason = (typeof OUTBOUND_FAILURE_REASONS)[number];

/** The request was not sent (or not followed further) because of where it was going. Permanent. */
export class OutboundRequestRefused extends CodedError {
  constructor(
    readonly reason: OutboundRefusalReason,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(reason, message, details);
  }
}

/** The request went out but no response came back. Worth trying again later. */
export class OutboundRequestFailed extends CodedError {
  constructor(
    readonly reason: OutboundFailureReason,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(reason, message, details);
  }
}
