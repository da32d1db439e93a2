/**
 * A local webhook receiver for nudge tests and the benchmark: records every request (its
 * `webhook-id`, body and arrival) and answers per path: `/ok` 200, `/flaky` 500 then 200 (per
 * webhook-id), `/gone` 410, `/hang` never, `/retry-after` 429 with Retry-After: 1 then 200 (`/retry-after-3`: 3). It
 * deduplicates by `webhook-id` as a careful receiver would: `handled` counts each id once, `duplicates`
 * counts the repeats it saw (at-least-once delivery may send one again). `hold(path)` keeps that
 * path's answers back until released, so a test can act while a delivery is still in flight.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Date.now() when it arrived. */
  readonly at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Requests answered 2xx, by webhook-id, each once. */
  readonly handled: Map<string, ReceivedWebhook>;
  /** How many requests repeated a webhook-id already answered 2xx. */
  duplicates(): number;
  /** Requests that reached a path, answered or not. */
  count(path: string): number;
  /** Keeps the answers to `path` back (recorded on arrival, answered as usual once released); returns the release. */
  hold(path: string): () => void;
  close(): Promise<void>;
}

export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const received: ReceivedWebhook[] = [];
  const handled = new Map<string, ReceivedWebhook>();
  const seen = new Map<string, number>();
  let duplicates = 0;
  const hanging = new Set<ServerResponse>();
  const held = new Map<string, Promise<void>>();
  const answer = (response: ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(status < 300 ? 'ok' : `status ${status}`);
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0];
      const id = String(request.headers['webhook-id'] ?? '');
      const hook: ReceivedWebhook = {
        path,
        id,
        timestamp: String(request.headers['webhook-timestamp'] ?? ''),
        signature: String(request.headers['webhook-signature'] ?? ''),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
        at: Date.now(),
      };
      received.push(hook);
      const before = seen.get(`${path} ${id}`) ?? 0;
      seen.set(`${path} ${id}`, before + 1);
      const ok = (): void => {
        if (handled.has(id)) duplicates += 1;
        else handled.set(id, hook);
        answer(response, 200);
      };
      void (held.get(path) ?? Promise.resolve()).then(() => reply(path, before, response, ok));
    });
  });
  const reply = (path: string, before: number, response: ServerResponse, ok: () => void): void => {
    switch (path) {
      case '/flaky':
        return before === 0 ? answer(response, 500) : ok();
      case '/retry-after':
        return before === 0 ? answer(response, 429, { 'retry-after': '1' }) : ok();
      case '/retry-after-3':
        return before === 0 ? answer(response, 429, { 'retry-after': '3' }) : ok();
      case '/gone':
        return answer(response, 410);
      case '/hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      default:
        return ok();
    }
  };
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    handled,
    duplicates: () => duplicates,
    count: (path) => received.filter((hook) => hook.path === path).length,
    hold: (path) => {
      let release!: () => void;
      held.set(path, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(path);
        release();
      };
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
