/**
 * Finds the address filter's refusal inside an error a client library wrapped around it: the Slack
 * clients wrap what their fetch threw (`original`, `cause`), and fetch-based callers see it bare. A
 * refusal is about the address (private, bad scheme, redirect refused), so the delivery it belongs
 * to is permanent, never retried.
 */
import { OutboundRequestFailed, OutboundRequestRefused, type OutboundFailureReason } from './outbound-http.errors';

/** How deep a chain of wrappers is followed; client libraries wrap once or twice. */
const MAX_DEPTH = 5;

export const outboundRefusalIn = (error: unknown): OutboundRequestRefused | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_DEPTH && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof OutboundRequestRefused) return current;
    const wrapper = current as { original?: unknown; cause?: unknown };
    current = wrapper.original ?? wrapper.cause;
  }
  return undefined;
};

/**
 * Why a request that got no answer failed, for an error that is not a refusal: the outbound client's
 * own failure where it is inside, a timeout signal's abort as TIMEOUT, anything else (refused or
 * reset connections, TLS) as CONNECTION_FAILED.
 */
export const outboundFailureReasonOf = (error: unknown): OutboundFailureReason => {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_DEPTH && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof OutboundRequestFailed) return current.reason;
    if ((current as { name?: unknown }).name === 'TimeoutError') return 'TIMEOUT';
    const wrapper = current as { original?: unknown; cause?: unknown };
    current = wrapper.original ?? wrapper.cause;
  }
  return 'CONNECTION_FAILED';
};
