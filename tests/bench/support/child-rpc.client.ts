/**
 * The benchmark's side of a process it forks so that what runs there has an event loop, a pool and
 * a peak memory of its own, apart from the load generator. The child (child-rpc.responder.ts) says
 * it is ready, then answers requests over the IPC channel; a request still open when it exits fails.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RpcReady, RpcReply } from './child-rpc.protocol';

const REGISTER = join(__dirname, '..', '..', '..', 'tools', 'register.js');

export interface ChildRpcOptions {
  /** The child as errors name it: `${label} exited (1)`. */
  readonly label: string;
  readonly args?: readonly string[];
  /** Node options for the child, after the TypeScript loader. */
  readonly nodeOptions?: readonly string[];
  /** The child's environment (this process's by default). */
  readonly env?: NodeJS.ProcessEnv;
}

type Waiter = { resolve: (result: unknown) => void; reject: (error: Error) => void };

export class ChildRpc<Ready extends RpcReady, Request extends object> {
  readonly child: ChildProcess;
  /** The child's ready message; rejects if it exits before sending it. */
  readonly ready: Promise<Ready>;
  private readonly exit: Promise<void>;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 1;
  private hasExited = false;

  /** Forks `script` (TypeScript, through the repository's loader) with an IPC channel and its stdout and stderr inherited. */
  constructor(script: string, private readonly options: ChildRpcOptions) {
    this.child = fork(script, [...(options.args ?? [])], {
      execArgv: ['-r', REGISTER, ...(options.nodeOptions ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(options.env && { env: options.env }),
    });
    let ready!: (message: Ready) => void;
    let notReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => ((ready = resolve), (notReady = reject)));
    this.exit = new Promise((done) =>
      this.child.once('exit', (code) => {
        this.hasExited = true;
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${options.label} exited (${code})`));
        this.pending.clear();
        notReady(new Error(`${options.label} exited (${code}) before it was ready`));
        done();
      }),
    );
    this.child.on('message', (message: Ready | RpcReply) => {
      if ('type' in message) return ready(message);
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
  }

  get exited(): boolean {
    return this.hasExited;
  }

  /** Sends `message`, numbered, and resolves with the child's answer to it. */
  request<Result = unknown>(message: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      if (this.hasExited) return reject(new Error(`${this.options.label} has exited`));
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.child.send({ ...message, id });
    });
  }

  /**
   * Sends `closing` (if given) and waits for its answer, whatever it is; then lets the child go
   * (it exits when the channel closes) and resolves once it has exited.
   */
  async close(closing?: Request): Promise<void> {
    if (this.hasExited) return;
    if (closing) await this.request(closing).catch(() => undefined);
    this.child.disconnect();
    await this.exit;
  }
}
