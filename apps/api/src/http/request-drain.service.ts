import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server, ServerResponse } from 'node:http';

/**
 * Lets every request already received finish before the api closes. Without it a mutation that
 * arrives as a stop begins can be written and then lose its connection when the process exits, so
 * the client never hears that its write was kept. Nest closes the HTTP server only after this hook:
 * closing it earlier would cut requests whose body is still arriving (Node counts their connections
 * as idle). The deadline in `closeOnSignal` bounds the wait.
 */
@Injectable()
export class RequestDrain implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  private get server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  onApplicationBootstrap(): void {
    this.server.on('request', (_request: unknown, response: ServerResponse) => {
      this.inFlight += 1;
      response.once('close', () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}
