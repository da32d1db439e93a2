import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { withRequestContext } from './request-context.middleware';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Lets every request already received finish before the api closes, and refuses (503, nothing
 * started) every request that arrives once the stop has begun. Without it a mutation that arrives
 * as a stop begins can be written and then lose its connection when the process exits, so the
 * client never hears that its write was kept. The refusal has to come before the application's own
 * handler runs, so this wraps the server's request listeners rather than adding one beside them.
 * Nest closes the HTTP server only after this hook: closing it earlier would cut requests whose body
 * is still arriving (Node counts their connections as idle), and requests sent meanwhile on kept-open
 * connections, which are answered 503 here (Apollo's drain is held back to application shutdown for
 * this, see ApiModule). The deadline in `closeOnSignal` bounds the wait. A refusal is logged like any
 * request (its `request` line, status 503, with its correlation id).
 */
@Injectable()
export class RequestDrain implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Responses not yet finished, for those whose headers are still to be written to say the connection closes after them. */
  private readonly inFlight = new Set<ServerResponse>();
  private stopping = false;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  private get server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  onApplicationBootstrap(): void {
    const server = this.server;
    const handlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (this.stopping) return withRequestContext(this.runtime.logger, request, response, () => refuse(response));
      this.inFlight.add(response);
      response.once('close', () => {
        this.inFlight.delete(response);
        if (this.inFlight.size === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
      for (const handler of handlers) handler.call(server, request, response);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // An answer given during the stop closes its connection after it: sent as keep-alive, it would
    // invite the client to send its next request on a connection about to be cut.
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    if (this.inFlight.size > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}

/** A request that arrived after the stop began: nothing of it ran, so a retry elsewhere is safe. */
const refuse = (response: ServerResponse): void => {
  response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
  response.end(JSON.stringify({ errors: [{ message: 'Stepwise is stopping; nothing was done. Retry the request.', extensions: { code: 'SHUTTING_DOWN' } }] }));
};
