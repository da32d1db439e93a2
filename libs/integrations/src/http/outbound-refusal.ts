/**
 * Finds the address filter's refusal inside an error a client library wrapped around it: the Slack
 * clients wrap what their fetch threw (`original`, `cause`), and fetch-based callers see it bare. A
 * refusal is about the address (private, bad scheme, redirect refused), so the delivery it belongs
 * to is permanent, never retried.
 */
import { OutboundRequestRefused } from './outbound-http.errors';

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
