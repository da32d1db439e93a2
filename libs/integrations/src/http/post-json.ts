/**
 * The one way Stepwise sends HTTP to addresses it was given (webhooks, Slack, Teams): a JSON POST
 * that refuses non-public addresses after DNS resolution and on every redirect, with one deadline
 * for the whole request and a bounded body.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { AddressFilterSettings } from './address-filter';
import { sendOneHop } from './one-hop';
import { OutboundRequestRefused } from './outbound-http.errors';
import {
  DEFAULT_MAX_BODY_EXCERPT_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_OUTBOUND_TIMEOUT_MS,
  type OutboundHttpOptions,
  type OutboundResponse,
} from './outbound-http.options';
import { outboundTarget, redactedUrl } from './outbound-url';

const FOLLOWED = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin (as fetch does). */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length'];

/**
 * POSTs `json` (already serialised, so a signature computed over it matches the bytes sent).
 * Redirects: 307 and 308 repeat the POST; 301, 302 and 303 continue as a GET without a body, as
 * browsers and fetch do. Resolves with any final status (a 500 is an answer, not an error); rejects
 * with `OutboundRequestRefused` (permanent) or `OutboundRequestFailed` (worth retrying).
 */
export const postJson = async (
  url: string,
  json: string,
  headers: Readonly<Record<string, string>>,
  options: OutboundHttpOptions = {},
): Promise<OutboundResponse> => {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBodyExcerptBytes = options.maxBodyExcerptBytes ?? DEFAULT_MAX_BODY_EXCERPT_BYTES;
  const filter: AddressFilterSettings = {
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
    exemptTestReceivers: options.exemptTestReceivers ?? [],
    lookup: options.lookup,
  };
  const body = Buffer.from(json, 'utf8');
  let target = outboundTarget(url);
  let post = true;
  let outgoing: OutgoingHttpHeaders = {
    'user-agent': 'Stepwise/1',
    ...lowerCaseNames(headers),
    'content-type': 'application/json',
    'content-length': body.length,
  };
  for (let redirects = 0; ; redirects += 1) {
    const response = await sendOneHop(
      { target, method: post ? 'POST' : 'GET', headers: outgoing, body: post ? body : null, deadline, maxBodyExcerptBytes },
      filter,
    );
    const location = response.headers.location;
    if (!FOLLOWED.has(response.status) || location === undefined) {
      return { ...response, url: target.url.href, redirects };
    }
    if (redirects >= maxRedirects) {
      throw new OutboundRequestRefused('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, {
        url: redactedUrl(target.url),
        maxRedirects,
      });
    }
    const next = outboundTarget(location, target.url);
    if (next.url.origin !== target.url.origin) outgoing = without(outgoing, ORIGIN_BOUND_HEADERS);
    if (post && response.status !== 307 && response.status !== 308) {
      post = false;
      outgoing = without(outgoing, BODY_HEADERS);
    }
    target = next;
  }
};

const lowerCaseNames = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

const without = (headers: OutgoingHttpHeaders, names: readonly string[]): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
