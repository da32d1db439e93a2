/**
 * CPU the services spent for a run: the PostgreSQL backends serving a contender (found by their
 * application name in pg_stat_activity, read from /proc; the server runs on this machine) and the
 * Redis server (its own INFO; the server is shared, so others' work counts too).
 */
import type { SqlDatabase } from '@stepwise/database';
import { Redis } from 'ioredis';
import { processCpuMs } from '../support/process-cpu';

export type CpuSnapshot = ReadonlyMap<number, number>;

/** CPU used so far by each backend of `database` whose application name starts with `application`. */
export const backendCpu = async (observer: SqlDatabase, database: string, application: string): Promise<CpuSnapshot> => {
  const { rows } = await observer.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE $2`, [database, `${application}%`]);
  const snapshot = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(Number(pid));
    if (ms !== undefined) snapshot.set(Number(pid), ms);
  }
  return snapshot;
};

/** CPU ms between two snapshots (a backend that appeared in between counts from zero). */
export const cpuBetween = (before: CpuSnapshot, after: CpuSnapshot): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

export const redisCpuMs = async (url: string): Promise<number> => {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    const info = await client.info('cpu');
    const value = (name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (value('used_cpu_user') + value('used_cpu_sys')) * 1000;
  } finally {
    client.disconnect();
  }
};
