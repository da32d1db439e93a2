/**
 * The request loop every outbound call shares: check the address, send one hop through the
 * filtering agent, and for a redirect check the next address before following it. One deadline
 * covers every hop (and one answer deadline, for the answer to a request wholly sent).
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { AddressFilterSettings } from './address-filter';
import { sendOneHop, type HopResponse } from './one-hop';
import { OutboundRequestRefused } from './outbound-http.errors';
import { DEFAULT_MAX_REDIRECTS, DEFAULT_OUTBOUND_TIMEOUT_MS, type OutboundHttpOptions } from './outbound-http.options';
import { outboundTarget, redactedUrl } from './outbound-url';

export interface OutboundRequest {
  readonly url: string | URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
  /** `follow` (each hop checked), `manual` (a redirect is the answer) or `error` (a redirect is refused), as in fetch. */
  readonly redirect: 'follow' | 'manual' | 'error';
  readonly maxBodyBytes: number;
  /** See `HopRequest.wholeBody`. */
  readonly wholeBody: boolean;
  readonly signal?: AbortSignal;
}

export interface OutboundAnswer extends HopResponse {
  /** The URL that answered, after any redirects. */
  readonly url: string;
  readonly redirects: number;
}

const FOLLOWED = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin (as fetch does). */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/**
 * Redirects, as fetch follows them: 307 and 308 repeat the request with its body; 303, and 301 or
 * 302 after a POST, continue as a GET without one.
 */
export const sendOutboundRequest = async (request: OutboundRequest, options: OutboundHttpOptions): Promise<OutboundAnswer> => {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
  const deadline = started + timeoutMs;
  const answerDeadline = started + Math.max(timeoutMs, options.answerTimeoutMs ?? 0);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const filter: AddressFilterSettings = {
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
    exemptTestReceivers: options.exemptTestReceivers ?? [],
    lookup: options.lookup,
    connections: options.connections,
  };
  let target = outboundTarget(request.url);
  let method = request.method.toUpperCase();
  let body = request.body;
  let headers: OutgoingHttpHeaders = { 'user-agent': 'Stepwise/1', ...lowerCaseNames(request.headers) };
  for (let redirects = 0; ; redirects += 1) {
    const answer = await sendOneHop(
      {
        target,
        method,
        headers: body === null ? headers : { ...headers, 'content-length': body.length },
        body,
        deadline,
        answerDeadline,
        maxBodyBytes: request.maxBodyBytes,
        wholeBody: request.wholeBody,
        signal: request.signal,
      },
      filter,
    );
    const location = answer.headers.location;
    if (!FOLLOWED.has(answer.status) || location === undefined || request.redirect === 'manual') {
      return { ...answer, url: target.url.href, redirects };
    }
    if (request.redirect === 'error') {
      throw new OutboundRequestRefused('REDIRECT_NOT_ALLOWED', `${target.url.host} answered with a redirect (${answer.status})`, {
        url: redactedUrl(target.url),
        status: answer.status,
      });
    }
    if (redirects >= maxRedirects) {
      throw new OutboundRequestRefused('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, { url: redactedUrl(target.url), maxRedirects });
    }
    const next = outboundTarget(location, target.url);
    if (next.url.origin !== target.url.origin) headers = without(headers, ORIGIN_BOUND_HEADERS);
    if ((answer.status === 303 && method !== 'GET' && method !== 'HEAD') || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
      method = 'GET';
      body = null;
      headers = without(headers, BODY_HEADERS);
    }
    target = next;
  }
};

const lowerCaseNames = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

const without = (headers: OutgoingHttpHeaders, names: readonly string[]): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
