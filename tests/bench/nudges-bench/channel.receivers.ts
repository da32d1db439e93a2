/**
 * One local receiver per channel a benchmark run delivers to, each recording when every delivery
 * first arrived, by the delivery id it can see: the webhook's `webhook-id`; Slack's message metadata
 * (`delivery_id`); the Teams workflow URL's `delivery` parameter, which the bench's Teams sender
 * adds; the email's `X-Stepwise-Delivery-Id` header. Each answers as its service does when all is
 * well: webhooks 200 (the tests' receiver, deduplicating by webhook-id), Slack `ok: true`, Teams 202,
 * SMTP 250.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/nudges';
import type { BenchChannel } from './delivery-contender.protocol';

export interface ChannelReceiver {
  readonly channel: BenchChannel;
  /** Each delivery's first arrival (epoch ms), by delivery id. */
  arrivals(): ReadonlyMap<string, number>;
  /** Arrivals that repeated a delivery already received. */
  duplicates(): number;
  close(): Promise<void>;
}

export interface ChannelReceivers {
  readonly byChannel: ReadonlyMap<BenchChannel, ChannelReceiver>;
  /** Where each is reached. */
  readonly webhookUrl?: string;
  readonly slack?: { readonly apiUrl: string; readonly token: string };
  readonly teamsUrl?: string;
  readonly smtp?: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

export const SLACK_BENCH_TOKEN = 'xoxb-bench-token';

class ArrivalLog {
  readonly first = new Map<string, number>();
  repeated = 0;

  record(deliveryId: string): void {
    if (this.first.has(deliveryId)) this.repeated += 1;
    else this.first.set(deliveryId, Date.now());
  }
}

const webhookReceiver = (receiver: WebhookReceiver): ChannelReceiver => ({
  channel: 'WEBHOOK',
  arrivals: () => new Map([...receiver.handled].map(([id, hook]) => [id, hook.at])),
  duplicates: () => receiver.duplicates(),
  close: () => receiver.close(),
});

/** A small HTTP service: the body read whole, `answer` says the status and body. */
const httpService = async (answer: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<{ server: Server; origin: string }> => {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const closeServer = async (server: Server): Promise<void> => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** Slack's Web API `chat.postMessage`: the delivery id travels in the message metadata. */
const slackReceiver = async (): Promise<{ receiver: ChannelReceiver; apiUrl: string }> => {
  const log = new ArrivalLog();
  const { server, origin } = await httpService((request, body, response) => {
    const json = (request.headers['content-type'] ?? '').includes('json');
    const fields: Record<string, unknown> = json ? (JSON.parse(body || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(body));
    const metadata = typeof fields.metadata === 'string' ? (JSON.parse(fields.metadata) as Record<string, unknown>) : (fields.metadata as Record<string, unknown> | undefined);
    const deliveryId = (metadata?.event_payload as { delivery_id?: string } | undefined)?.delivery_id;
    const authorised = request.headers.authorization === `Bearer ${SLACK_BENCH_TOKEN}`;
    if (authorised && deliveryId) log.record(deliveryId);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(authorised ? { ok: true, channel: `D${String(fields.channel ?? '')}`, ts: `${Date.now() / 1000}` } : { ok: false, error: 'invalid_auth' }));
  });
  return {
    apiUrl: `${origin}/api/`,
    receiver: { channel: 'SLACK', arrivals: () => log.first, duplicates: () => log.repeated, close: () => closeServer(server) },
  };
};

/** A Teams Workflows webhook: answers 202 Accepted; the bench's workflow URLs end with the delivery id. */
const teamsReceiver = async (): Promise<{ receiver: ChannelReceiver; url: string }> => {
  const log = new ArrivalLog();
  const { server, origin } = await httpService((request, _body, response) => {
    const deliveryId = new URL(request.url ?? '/', 'http://teams').searchParams.get('delivery');
    if (deliveryId) log.record(deliveryId);
    response.writeHead(202);
    response.end();
  });
  return {
    url: `${origin}/workflows/bench/triggers/manual/paths/invoke`,
    receiver: { channel: 'TEAMS', arrivals: () => log.first, duplicates: () => log.repeated, close: () => closeServer(server) },
  };
};

/** An SMTP server taking every message (no TLS, no authentication: a local relay), answering each after `delayMs`. */
const smtpReceiver = async (delayMs: number): Promise<{ receiver: ChannelReceiver; port: number }> => {
  const log = new ArrivalLog();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const deliveryId = /^X-Stepwise-Delivery-Id:\s*(\S+)/im.exec(head)?.[1];
        if (deliveryId) log.record(deliveryId);
        if (delayMs > 0) setTimeout(callback, delayMs);
        else callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    receiver: { channel: 'EMAIL', arrivals: () => log.first, duplicates: () => log.repeated, close: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  };
};

export const startChannelReceivers = async (channels: readonly BenchChannel[], options: { readonly smtpDelayMs: number }): Promise<ChannelReceivers> => {
  const byChannel = new Map<BenchChannel, ChannelReceiver>();
  const where: { webhookUrl?: string; slack?: { apiUrl: string; token: string }; teamsUrl?: string; smtp?: { host: string; port: number } } = {};
  try {
    for (const channel of channels) {
      if (channel === 'WEBHOOK') {
        const receiver = await startWebhookReceiver();
        byChannel.set(channel, webhookReceiver(receiver));
        where.webhookUrl = receiver.url;
      } else if (channel === 'SLACK') {
        const { receiver, apiUrl } = await slackReceiver();
        byChannel.set(channel, receiver);
        where.slack = { apiUrl, token: SLACK_BENCH_TOKEN };
      } else if (channel === 'TEAMS') {
        const { receiver, url } = await teamsReceiver();
        byChannel.set(channel, receiver);
        where.teamsUrl = url;
      } else {
        const { receiver, port } = await smtpReceiver(options.smtpDelayMs);
        byChannel.set(channel, receiver);
        where.smtp = { host: '127.0.0.1', port };
      }
    }
  } catch (error) {
    for (const receiver of byChannel.values()) await receiver.close();
    throw error;
  }
  return { byChannel, ...where, close: async () => void (await Promise.all([...byChannel.values()].map((receiver) => receiver.close()))) };
};
