/** Forks a delivery contender (delivery-contender.process.ts) and talks to it over IPC. */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContenderName, ContenderOptions, ContenderReply, ContenderRequest, RunRoutes } from './delivery-contender.protocol';
import type { MeterReading } from './process.meter';

export interface ContenderProcess {
  readonly name: ContenderName;
  /** The delivery settings it runs with, as it reported them. */
  readonly settings: Record<string, unknown>;
  prepare(routes: RunRoutes): Promise<void>;
  /** What it spent since the last reading. */
  read(): Promise<MeterReading>;
  /** Its peak resident set so far, in MB (the kernel's VmHWM). */
  peakRssMb(): number;
  close(): Promise<void>;
}

const peakRssOf = (pid: number | undefined): number => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

type Pending = { resolve: (reading?: MeterReading) => void; reject: (error: Error) => void };

export const forkContender = (options: ContenderOptions): Promise<ContenderProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'delivery-contender.process.ts'), [JSON.stringify(options)], {
      execArgv: ['-r', join(__dirname, '..', '..', '..', 'tools', 'register.js')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let exited = false;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRssOf(child.pid))), 500);
    const exit = new Promise<void>((done) =>
      child.once('exit', (code) => {
        exited = true;
        clearInterval(sampler);
        for (const waiter of pending.values()) waiter.reject(new Error(`the ${options.name} contender exited (${code})`));
        pending.clear();
        reject(new Error(`the ${options.name} contender exited (${code}) before it was ready`));
        done();
      }),
    );
    const request = (message: { op: 'prepare'; routes: RunRoutes } | { op: 'read' } | { op: 'close' }): Promise<MeterReading | undefined> =>
      new Promise((answer, fail) => {
        if (exited) return fail(new Error(`the ${options.name} contender has exited`));
        const id = nextId++;
        pending.set(id, { resolve: answer, reject: fail });
        child.send({ ...message, id } as ContenderRequest);
      });
    child.on('message', (message: ContenderReply) => {
      if ('type' in message) {
        resolve({
          name: options.name,
          settings: message.settings,
          prepare: async (routes) => void (await request({ op: 'prepare', routes })),
          read: async () => (await request({ op: 'read' }))!,
          peakRssMb: () => (peak = Math.max(peak, peakRssOf(child.pid))),
          close: async () => {
            if (exited) return;
            peak = Math.max(peak, peakRssOf(child.pid));
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
      if (message.ok) waiter.resolve(message.reading);
      else waiter.reject(new Error(message.error));
    });
  });
