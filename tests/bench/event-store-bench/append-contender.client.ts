/** Forks an append contender (append-contender.process.ts) and runs rounds in it over IPC. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { AppendRound, ContenderName, ContenderReply, ContenderRequest, RoundResult } from './append-contender.protocol';

export interface ContenderProcess {
  readonly name: ContenderName;
  round(round: AppendRound): Promise<RoundResult>;
  close(): Promise<void>;
}

export const forkContender = (name: ContenderName, url: string): Promise<ContenderProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'append-contender.process.ts'), [name, url], {
      execArgv: ['-r', join(__dirname, '..', '..', '..', 'tools', 'register.js')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = new Map<number, { resolve: (result?: RoundResult) => void; reject: (error: Error) => void }>();
    let nextId = 1;
    let exited = false;
    const exit = new Promise<void>((done) =>
      child.once('exit', (code) => {
        exited = true;
        for (const waiter of pending.values()) waiter.reject(new Error(`${name} contender exited (${code})`));
        pending.clear();
        reject(new Error(`${name} contender exited (${code}) before it was ready`));
        done();
      }),
    );
    const request = (message: { op: 'round'; round: AppendRound } | { op: 'close' }): Promise<RoundResult | undefined> =>
      new Promise((answer, fail) => {
        if (exited) return fail(new Error(`${name} contender has exited`));
        const id = nextId++;
        pending.set(id, { resolve: answer, reject: fail });
        child.send({ ...message, id } as ContenderRequest);
      });
    child.on('message', (message: ContenderReply) => {
      if ('type' in message) {
        resolve({
          name,
          round: async (round) => (await request({ op: 'round', round }))!,
          close: async () => {
            if (exited) return;
            await request({ op: 'close' }).catch(() => undefined);
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
