/**
 * The one way Stepwise sends JSON to addresses it was given (webhooks, and any HTTP channel): a POST
 * that refuses non-public addresses after DNS resolution and on every redirect, with one deadline
 * for the whole request and a bounded body.
 */
import { DEFAULT_MAX_BODY_EXCERPT_BYTES, type OutboundHttpOptions, type OutboundResponse } from './outbound-http.options';
import { sendOutboundRequest } from './outbound-request';

export interface PostJsonOptions extends OutboundHttpOptions {
  /** `follow` (the default) or `manual`: a redirect is then the answer, its status and `location` for the caller to judge. */
  readonly redirect?: 'follow' | 'manual';
}

/**
 * POSTs `json` (already serialised, so a signature computed over it matches the bytes sent).
 * Redirects, when followed: 307 and 308 repeat the POST; 301, 302 and 303 continue as a GET without
 * a body, as browsers and fetch do. Resolves with any final status (a 500 is an answer, not an
 * error), keeping the start of the body; rejects with `OutboundRequestRefused` (permanent) or
 * `OutboundRequestFailed` (worth retrying).
 */
export const postJson = async (
  url: string,
  json: string,
  headers: Readonly<Record<string, string>>,
  options: PostJsonOptions = {},
): Promise<OutboundResponse> => {
  const maxBodyExcerptBytes = options.maxBodyExcerptBytes ?? DEFAULT_MAX_BODY_EXCERPT_BYTES;
  const answer = await sendOutboundRequest(
    {
      url,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: Buffer.from(json, 'utf8'),
      redirect: options.redirect ?? 'follow',
      maxBodyBytes: maxBodyExcerptBytes,
      wholeBody: false,
    },
    options,
  );
  return {
    status: answer.status,
    headers: answer.headers,
    bodyExcerpt: utf8Excerpt(answer.body, answer.bodyTruncated),
    bodyTruncated: answer.bodyTruncated,
    url: answer.url,
    redirects: answer.redirects,
  };
};

/** A cut may land inside a character: drop the half character rather than show a replacement mark. */
const utf8Excerpt = (bytes: Buffer, truncated: boolean): string => {
  const text = bytes.toString('utf8');
  return truncated && text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
};
