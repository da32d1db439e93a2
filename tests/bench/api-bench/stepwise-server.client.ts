/** Forks the benchmark's server process and talks to it over IPC. */
import { join } from 'node:path';
import { ChildRpc } from '../support/child-rpc.client';
import type { BareServerReady, ServerReady, ServerRequest } from './stepwise-server.protocol';

export interface BenchServer {
  readonly ready: ServerReady;
  request<T>(op: ServerRequest['op']): Promise<T>;
  close(): Promise<void>;
}

const withNodeEnv = (nodeEnv: string | undefined): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  if (nodeEnv) env.NODE_ENV = nodeEnv;
  else delete env.NODE_ENV;
  return env;
};

export interface BareServer {
  readonly url: string;
  readonly pid: number | undefined;
  close(): Promise<void>;
}

/** Forks the bare NestJS + Apollo server (the baseline) and resolves once it listens. */
export const startBareServer = async (options: { nodeEnv?: string }): Promise<BareServer> => {
  const rpc = new ChildRpc<BareServerReady, never>(join(__dirname, 'bare-nest-server.process.ts'), { label: 'bare server', env: withNodeEnv(options.nodeEnv) });
  const { url } = await rpc.ready;
  return { url, pid: rpc.child.pid, close: () => rpc.close() };
};

export const startBenchServer = async (options: {
  quietJourneys: number;
  poolSize?: number;
  splitWorker?: boolean;
  /** Stop the worker after seeding; the api answers mutations without waiting for projection (see api.bench.ts). */
  apiAlone?: boolean;
  /** Load a separate `npm start` process (compiled output; its RSS is the one reported). */
  npmStart?: boolean;
  nodeOptions?: readonly string[];
  /** The server's NODE_ENV (graphql-js and Express skip development checks under 'production'). */
  nodeEnv?: string;
}): Promise<BenchServer> => {
  const rpc = new ChildRpc<ServerReady, ServerRequest>(join(__dirname, 'stepwise-server.process.ts'), {
    label: 'bench server',
    args: [String(options.quietJourneys), options.poolSize ? String(options.poolSize) : '-', options.splitWorker ? 'split' : 'joined', options.npmStart ? 'npm-start' : 'harness', options.apiAlone ? 'api-alone' : 'projected'],
    nodeOptions: options.nodeOptions,
    env: withNodeEnv(options.nodeEnv),
  });
  const ready = await rpc.ready;
  return {
    ready,
    request: <T>(op: ServerRequest['op']) => rpc.request<T>({ op }),
    close: () => rpc.close({ op: 'close' }),
  };
};
