/**
 * The outbound client behind a `fetch`-shaped function, for clients whose seam is a fetch (the
 * Slack clients, the Teams sender): the same address filter, redirect checks and deadline as
 * `postJson`, with fetch's request and response types.
 *
 * Differences from global fetch: a refused or failed request rejects with `OutboundRequestRefused`
 * or `OutboundRequestFailed` (not a bare TypeError), so a caller can tell a bad address from a
 * passing fault; an aborted one rejects with the signal's reason, as fetch does. The response body is
 * read before the promise resolves, up to `maxResponseBytes` (whole, unless `wholeBody` is false).
 */
import type { OutboundHttpOptions } from './outbound-http.options';
import { sendOutboundRequest } from './outbound-request';

export interface FilteringFetchOptions extends OutboundHttpOptions {
  /** A larger response body fails the call with RESPONSE_TOO_LARGE. Default 1 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * False: the answer's status is what counts, and its body only explains it (a webhook that acts on
   * receipt); a body longer than `maxResponseBytes`, stalling or broken off is cut short there instead
   * of failing the call. Default true: the body is the answer (an API's JSON), wanted whole.
   */
  readonly wholeBody?: boolean;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export const filteringFetch =
  (options: FilteringFetchOptions = {}): typeof fetch =>
  async (input, init = {}) => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : input instanceof URL ? input.href : String(input);
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers ?? request?.headers);
    const bodySource = init.body !== undefined ? init.body : request?.body ? await request.arrayBuffer() : null;
    let body: Buffer | null = null;
    if (bodySource !== null && bodySource !== undefined) {
      // Response normalises every BodyInit (string, URLSearchParams, FormData, Blob, bytes, stream) and knows its content type.
      const normalised = new Response(bodySource);
      body = Buffer.from(await normalised.arrayBuffer());
      const contentType = normalised.headers.get('content-type');
      if (contentType !== null && !headers.has('content-type')) headers.set('content-type', contentType);
    }
    const answer = await sendOutboundRequest(
      {
        url,
        method,
        headers: Object.fromEntries(headers.entries()),
        body,
        redirect: init.redirect ?? request?.redirect ?? 'follow',
        maxBodyBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        wholeBody: options.wholeBody ?? true,
        signal: init.signal ?? request?.signal ?? undefined,
      },
      options,
    );
    const response = new Response(NULL_BODY_STATUSES.has(answer.status) || method === 'HEAD' ? null : answer.body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
    Object.defineProperty(response, 'url', { value: answer.url });
    Object.defineProperty(response, 'redirected', { value: answer.redirects > 0 });
    return response;
  };
