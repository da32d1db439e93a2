/**
 * One request to one address, no redirects followed: the response's status, headers and body (or
 * its start), or a typed error. The deadline is the whole request's, shared by every hop.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { whenRequestSent } from './request-sent';
import { filteredConnection, isAgentRefusal, type AddressFilterSettings } from './address-filter';
import { OutboundRequestFailed, OutboundRequestRefused } from './outbound-http.errors';
import { redactedUrl, type OutboundTarget } from './outbound-url';

export interface HopRequest {
  readonly target: OutboundTarget;
  readonly method: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | null;
  /** Epoch milliseconds by which the whole request must be done. */
  readonly deadline: number;
  /**
   * Epoch milliseconds until which the answer is awaited once the request is wholly sent (see
   * `OutboundHttpOptions.answerTimeoutMs`); no later than `deadline` changes nothing.
   */
  readonly answerDeadline: number;
  readonly maxBodyBytes: number;
  /**
   * True: the body must arrive whole and within `maxBodyBytes`, or the request fails (TIMEOUT,
   * CONNECTION_FAILED, RESPONSE_TOO_LARGE). False: its start is enough; a body that is longer,
   * stalls past the deadline or breaks off is cut short and marked truncated.
   */
  readonly wholeBody: boolean;
  readonly signal: AbortSignal | undefined;
}

export interface HopResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly bodyTruncated: boolean;
}

const timedOut = (target: OutboundTarget): OutboundRequestFailed =>
  new OutboundRequestFailed('TIMEOUT', `no complete response from ${target.url.host} in time`, { url: redactedUrl(target.url) });

export const sendOneHop = (hop: HopRequest, filter: AddressFilterSettings): Promise<HopResponse> => {
  const { target, signal } = hop;
  if (signal?.aborted) return Promise.reject(signal.reason);
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
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: Error): void => {
      settle(() => reject(error));
      request.destroy();
      response?.destroy();
    };
    const finish = (): void => {
      if (!response) return;
      const answered = response;
      settle(() =>
        resolve({
          status: answered.statusCode ?? 0,
          statusText: answered.statusMessage ?? '',
          headers: flattenHeaders(answered),
          body: Buffer.concat(chunks),
          bodyTruncated: truncated,
        }),
      );
    };
    /** The body ended early: a failure when it had to be whole, a shortened answer otherwise. */
    const cutShort = (error: Error): void => {
      if (hop.wholeBody) return fail(error);
      truncated = true;
      response?.destroy();
      finish();
    };
    // Once the status is in, what the receiver decided is known; only the body can still stall. An
    // abort or the deadline then ends the body (a whole one fails, another is cut short), else the call.
    const stop = (error: Error): void => (response ? cutShort(error) : fail(error));
    const onAbort = (): void => stop(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const onDeadline = (): void => stop(timedOut(target));
    let timer = setTimeout(onDeadline, remaining);
    if (hop.answerDeadline > hop.deadline) {
      whenRequestSent(request, () => {
        if (settled || response) return;
        clearTimeout(timer);
        timer = setTimeout(onDeadline, Math.max(0, hop.answerDeadline - Date.now()));
      });
    }
    request.on('error', (error: Error) => fail(classifyConnectionError(error, target)));
    request.on('response', (incoming) => {
      response = incoming;
      incoming.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = hop.maxBodyBytes - kept;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        kept += Math.min(chunk.length, room);
        if (chunk.length > room) {
          cutShort(
            new OutboundRequestRefused('RESPONSE_TOO_LARGE', `the response is larger than ${hop.maxBodyBytes} bytes`, {
              url: redactedUrl(target.url),
              maxBodyBytes: hop.maxBodyBytes,
            }),
          );
        }
      });
      incoming.on('end', finish);
      const brokenOff = (): void =>
        cutShort(new OutboundRequestFailed('CONNECTION_FAILED', `the response from ${target.url.host} broke off`, { url: redactedUrl(target.url) }));
      incoming.on('error', brokenOff);
      incoming.on('close', () => (incoming.complete ? finish() : brokenOff()));
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
