/**
 * A local HTTP server standing in for Slack: the Web API's `chat.postMessage` (checking the bearer
 * token, the user, and the blocks as Slack would, answering `ok: false` with Slack's error codes)
 * and incoming webhooks under `/services/…` (answering `ok`, or 400 `invalid_payload`). Answers can
 * be scripted ahead (a 429, a 500, the request's own body echoed) to stage faults; every request is
 * kept for the test to read.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateSlackMessage } from '../block-kit.validator';

export interface ReceivedSlackRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The form fields of a Web API call (`blocks` and `metadata` are JSON, parsed here) or the webhook's JSON body. */
  readonly payload: Record<string, unknown>;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A string is sent as it is; anything else as JSON. */
  readonly body: unknown;
  /** Answered this long after the request is in (kept at once): a Slack that posts, then answers late. */
  readonly delayMs?: number;
}

export interface SlackReceiverOptions {
  /** The bot token the Web API accepts. */
  readonly token: string;
  /** The user ids `chat.postMessage` can post to. */
  readonly users: readonly string[];
}

export const CHAT_POST_MESSAGE_PATH = '/api/chat.postMessage';

export class SlackReceiver {
  readonly requests: ReceivedSlackRequest[] = [];
  private readonly scripted = new Map<string, ((body: string, path: string, headers: IncomingHttpHeaders) => ScriptedAnswer)[]>();
  private readonly late = new Map<string, number[]>();
  private posted = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: SlackReceiverOptions,
  ) {}

  static async start(options: SlackReceiverOptions): Promise<SlackReceiver> {
    const server = createServer();
    const receiver = new SlackReceiver(server, options);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = receiver.answer(request.url ?? '/', request.headers, Buffer.concat(chunks).toString('utf8'));
        const isText = typeof answer.body === 'string';
        const send = (): void => {
          response.writeHead(answer.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...answer.headers });
          response.end(isText ? answer.body : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
        else send();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** `http://127.0.0.1:PORT/api/`, the Web API base for `SlackBotAddress.apiUrl`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** An incoming-webhook URL on this receiver. */
  webhookUrl(name = 'T000/B000/secret'): string {
    return `${this.origin}/services/${name}`;
  }

  /** The next requests to `path` get these answers, in order, before the receiver answers as Slack would. */
  answerNext(path: string, ...answers: ScriptedAnswer[]): void {
    this.script(path, ...answers.map((answer) => () => answer));
  }

  /**
   * The next request to `path` is answered `status` with its own body, as text: a proxy or a
   * stand-in that reflects what it was sent. (The Web API client reads a 200 that is not JSON as an
   * `ok: false` whose error is that text.)
   */
  echoNext(path: string, status = 200): void {
    this.script(path, (body) => ({ status, body }));
  }

  /**
   * The next request to `path` is answered `status` with the whole request echoed as text, its path
   * and headers (the Authorization header's bot token among them) as well as its body: a proxy or
   * debugging relay that reflects everything.
   */
  echoRequestNext(path: string, status = 400): void {
    this.script(path, (body, requestPath, headers) => ({ status, body: JSON.stringify({ path: requestPath, headers, body }) }));
  }

  /** The next requests to `path` are answered as Slack would (or as scripted), each `delayMs` late. */
  answerLate(path: string, ...delaysMs: number[]): void {
    this.late.set(path, [...(this.late.get(path) ?? []), ...delaysMs]);
  }

  requestsTo(path: string): ReceivedSlackRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private script(path: string, ...answers: ((body: string, path: string, headers: IncomingHttpHeaders) => ScriptedAnswer)[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...answers]);
  }

  private get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(path: string, headers: IncomingHttpHeaders, body: string): ScriptedAnswer {
    const answer = this.answerNow(path, headers, body);
    const delayMs = this.late.get(path)?.shift();
    return delayMs === undefined ? answer : { ...answer, delayMs };
  }

  private answerNow(path: string, headers: IncomingHttpHeaders, body: string): ScriptedAnswer {
    const isWebApi = path.startsWith('/api/');
    const payload = isWebApi ? formPayload(body) : jsonPayload(body);
    this.requests.push({ path, headers, body, payload });
    const scripted = this.scripted.get(path)?.shift();
    if (scripted) return scripted(body, path, headers);
    if (path === CHAT_POST_MESSAGE_PATH) return this.postMessage(headers, payload);
    if (path.startsWith('/services/')) return this.incomingWebhook(payload);
    return { status: 404, body: 'not_found' };
  }

  private postMessage(headers: IncomingHttpHeaders, payload: Record<string, unknown>): ScriptedAnswer {
    if (headers.authorization !== `Bearer ${this.options.token}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const channel = payload.channel;
    if (typeof channel !== 'string' || !this.options.users.includes(channel)) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    const problems = validateSlackMessage({ text: payload.text, blocks: payload.blocks });
    if (problems.length > 0) return { status: 200, body: { ok: false, error: 'invalid_blocks', errors: problems.map((p) => `${p.path} ${p.problem}`) } };
    this.posted += 1;
    return { status: 200, body: { ok: true, channel: `D${channel.slice(1)}`, ts: `1760000000.${String(this.posted).padStart(6, '0')}` } };
  }

  private incomingWebhook(payload: Record<string, unknown>): ScriptedAnswer {
    const problems = validateSlackMessage({ text: payload.text, blocks: payload.blocks });
    return problems.length > 0 ? { status: 400, body: 'invalid_payload' } : { status: 200, body: 'ok' };
  }
}

const formPayload = (body: string): Record<string, unknown> => {
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(body));
  for (const key of ['blocks', 'metadata']) if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key] as string);
  return fields;
};

const jsonPayload = (body: string): Record<string, unknown> => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
};
