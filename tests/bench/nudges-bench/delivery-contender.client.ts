/** Forks a delivery contender (delivery-contender.process.ts) and talks to it over IPC. */
import { join } from 'node:path';
import { ChildRpc } from '../support/child-rpc.client';
import { peakRssMb } from '../support/peak-rss';
import type { ContenderName, ContenderOptions, ContenderReady, ContenderRequest, RunRoutes } from './delivery-contender.protocol';
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


export const forkContender = async (options: ContenderOptions): Promise<ContenderProcess> => {
  const rpc = new ChildRpc<ContenderReady, ContenderRequest>(join(__dirname, 'delivery-contender.process.ts'), {
    label: `the ${options.name} contender`,
    args: [JSON.stringify(options)],
  });
  const { child } = rpc;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid) ?? 0)), 500);
  child.once('exit', () => clearInterval(sampler));
  const { settings } = await rpc.ready;
  return {
    name: options.name,
    settings,
    prepare: async (routes) => void (await rpc.request({ op: 'prepare', routes })),
    read: () => rpc.request<MeterReading>({ op: 'read' }),
    peakRssMb: () => (peak = Math.max(peak, peakRssMb(child.pid) ?? 0)),
    close: async () => {
      if (rpc.exited) return;
      peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
      await rpc.close({ op: 'close' });
    },
  };
};
