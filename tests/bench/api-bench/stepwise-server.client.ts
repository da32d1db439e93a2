/** Forks the benchmark's server process and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServerReady, ServerReply, ServerRequest } from './stepwise-server.protocol';

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
  close(): Promise<void>;
}

/** Forks the bare NestJS + Apollo server (the baseline) and resolves once it listens. */
export const startBareServer = (options: { nodeEnv?: string }): Promise<BareServer> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'bare-nest-server.process.ts'), [], {
      execArgv: ['-r', join(__dirname, '..', '..', '..', 'tools', 'register.js')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: withNodeEnv(options.nodeEnv),
    });
    const exit = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('exit', (code) => reject(new Error(`bare server exited (${code}) before it was ready`)));
    child.once('message', (message: { url: string }) =>
      resolve({
        url: message.url,
        close: async () => {
          if (child.exitCode !== null) return;
          child.disconnect();
          await exit;
        },
      }),
    );
  });

export const startBenchServer = (options: {
  quietJourneys: number;
  poolSize?: number;
  splitWorker?: boolean;
  /** Load a separate `npm start` process (compiled output; its RSS is the one reported). */
  npmStart?: boolean;
  nodeOptions?: readonly string[];
  /** The server's NODE_ENV (graphql-js and Express skip development checks under 'production'). */
  nodeEnv?: string;
}): Promise<BenchServer> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, 'stepwise-server.process.ts'), [String(options.quietJourneys), options.poolSize ? String(options.poolSize) : '-', options.splitWorker ? 'split' : 'joined', options.npmStart ? 'npm-start' : 'harness'], {
      execArgv: ['-r', join(__dirname, '..', '..', '..', 'tools', 'register.js'), ...(options.nodeOptions ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: withNodeEnv(options.nodeEnv),
    });
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    let nextId = 1;
    let exited = false;
    const exit = new Promise<void>((done) =>
      child.once('exit', (code) => {
        exited = true;
        for (const waiter of pending.values()) waiter.reject(new Error(`bench server exited (${code})`));
        pending.clear();
        reject(new Error(`bench server exited (${code}) before it was ready`));
        done();
      }),
    );
    child.on('message', (message: ServerReady | ServerReply) => {
      if ('type' in message) {
        resolve({
          ready: message,
          request: <T>(op: ServerRequest['op']) =>
            new Promise<T>((answer, fail) => {
              if (exited) return fail(new Error('bench server has exited'));
              const id = nextId++;
              pending.set(id, { resolve: answer as (value: unknown) => void, reject: fail });
              child.send({ id, op } satisfies ServerRequest);
            }),
          close: async () => {
            if (exited) return;
            const id = nextId++;
            child.send({ id, op: 'close' } satisfies ServerRequest);
            await new Promise<void>((done) => pending.set(id, { resolve: () => done(), reject: () => done() }));
            child.disconnect();
            await exit;
          },
        });
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
  });
