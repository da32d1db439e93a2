/**
 * One request to one address, no redirects followed: the response's status, headers and the start
 * of its body, or a typed error. The deadline is the whole request's, shared by every hop.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { filteredConnection, isAgentRefusal, type AddressFilterSettings } from './address-filter';
import { OutboundRequestFailed, OutboundRequestRefused } from './outbound-http.errors';
import { redactedUrl, type OutboundTarget } from './outbound-url';

export interface HopRequest {
  readonly target: OutboundTarget;
  readonly method: 'POST' | 'GET';
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | null;
  /** Epoch milliseconds by which the whole request must be done. */
  readonly deadline: number;
  readonly maxBodyExcerptBytes: number;
}

export interface HopResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyExcerpt: string;
  readonly bodyTruncated: boolean;
}

const timedOut = (target: OutboundTarget): OutboundRequestFailed =>
  new OutboundRequestFailed('TIMEOUT', `no complete response from ${target.url.host} in time`, { url: redactedUrl(target.url) });

export const sendOneHop = (hop: HopRequest, filter: AddressFilterSettings): Promise<HopResponse> => {
  const { target } = hop;
  const remaining = hop.deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timedOut(target));
  const { agent, lookup } = filteredConnection(target, filter);
  return new Promise<HopResponse>((resolve, reject) => {
    const send = target.secure ? httpsRequest : httpRequest;
    const request = send({
      agent,
      lookup,
      host: target.host,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: hop.method,
      headers: hop.headers,
    });
    let response: IncomingMessage | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    const finish = (): void => {
      clearTimeout(timer);
      if (!response) return;
      resolve({
        status: response.statusCode ?? 0,
        headers: flattenHeaders(response),
        bodyExcerpt: utf8Excerpt(Buffer.concat(chunks), hop.maxBodyExcerptBytes),
        bodyTruncated: truncated,
      });
    };
    const timer = setTimeout(() => {
      // Once the status is in, what the receiver decided is known: a body that stalls is cut short.
      if (response) {
        truncated = true;
        response.destroy();
        finish();
      } else {
        request.destroy(timedOut(target));
      }
    }, remaining);
    request.on('error', (error: Error) => {
      clearTimeout(timer);
      reject(classifyConnectionError(error, target));
    });
    request.on('response', (incoming) => {
      response = incoming;
      incoming.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = hop.maxBodyExcerptBytes - kept;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        kept += Math.min(chunk.length, room);
        if (chunk.length > room) {
          truncated = true;
          incoming.destroy();
          finish();
        }
      });
      incoming.on('end', finish);
      incoming.on('close', () => {
        // Closed before its end (reset mid-body): the status line is still the receiver's answer.
        if (!incoming.complete) truncated = true;
        finish();
      });
      incoming.on('error', () => {
        truncated = true;
        finish();
      });
    });
    request.end(hop.body ?? undefined);
  });
};

const classifyConnectionError = (error: Error & { code?: string }, target: OutboundTarget): Error => {
  if (error instanceof OutboundRequestRefused || error instanceof OutboundRequestFailed) return error;
  const url = redactedUrl(target.url);
  if (isAgentRefusal(error)) {
    return new OutboundRequestRefused('PRIVATE_ADDRESS', `${target.host} is, or resolves to, an address that is not public`, {
      url,
      host: target.host,
    });
  }
  if (error.code === 'ENOTFOUND') {
    return new OutboundRequestRefused('UNRESOLVABLE_HOST', `${target.host} does not resolve`, { url, host: target.host });
  }
  return new OutboundRequestFailed('CONNECTION_FAILED', `could not reach ${target.url.host}: ${error.code ?? error.message}`, {
    url,
    cause: error.code ?? null,
  });
};

const flattenHeaders = (response: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(response.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );

/** At most `maxBytes` of UTF-8, never ending inside a character. */
const utf8Excerpt = (bytes: Buffer, maxBytes: number): string => {
  const text = bytes.subarray(0, maxBytes).toString('utf8');
  return text.endsWith('\uFFFD') && bytes.length >= maxBytes ? text.slice(0, -1) : text;
};
