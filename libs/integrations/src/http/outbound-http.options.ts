import type { LookupFunction } from 'node:net';
import type { OutboundConnections } from './outbound-connections';
import type { TestReceiverExemption } from './test-receiver-exemption';

export interface OutboundHttpOptions {
  /** The whole request, every redirect hop included. Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * When longer than `timeoutMs`: how long, from the request's start, its answer is awaited once the
   * request is wholly sent (connected, TLS done, the body flushed to the connection). A receiver that
   * has the whole request may act on it before it answers (post the message, then say so):
   * abandoning it then does not unsend it, and the retry would act twice. Before that point
   * `timeoutMs` still ends it. Default: `timeoutMs` (no longer wait).
   */
  readonly answerTimeoutMs?: number;
  /**
   * Reach private, loopback and link-local addresses (local development, tests with a local
   * receiver). False by default; production leaves it false. The unspecified address 0.0.0.0 and ::
   * stay refused either way.
   */
  readonly allowPrivateAddresses?: boolean;
  /** Redirects followed before TOO_MANY_REDIRECTS. Default 3. */
  readonly maxRedirects?: number;
  /** How much of the response body is kept (UTF-8 bytes). Default 2 KiB. */
  readonly maxBodyExcerptBytes?: number;
  /** Name resolution; tests point names at chosen addresses without DNS. Default `dns.lookup`. */
  readonly lookup?: LookupFunction;
  /** Test-only: see `TestReceiverExemption`. */
  readonly exemptTestReceivers?: readonly TestReceiverExemption[];
  /**
   * Keep-alive sockets, per origin and address rules (see `OutboundConnections`); whoever made it
   * closes it. Without it, each request opens a connection of its own and closes it.
   */
  readonly connections?: OutboundConnections;
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 3;
export const DEFAULT_MAX_BODY_EXCERPT_BYTES = 2_048;

export interface OutboundResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", " (set-cookie with "; " is never needed here). */
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the body as text, at most `maxBodyExcerptBytes` bytes. */
  readonly bodyExcerpt: string;
  /** True when the body was longer than the excerpt or stopped at the timeout. */
  readonly bodyTruncated: boolean;
  /** The URL that answered, after any redirects. */
  readonly url: string;
  readonly redirects: number;
}
