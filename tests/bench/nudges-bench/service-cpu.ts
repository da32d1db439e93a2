/**
 * CPU the services spent for a run: the PostgreSQL backends serving a contender (found by their
 * application name in pg_stat_activity, read from /proc; the server runs on this machine) and the
 * Redis server (its own INFO; the server is shared, so others' work counts too).
 */
import { readFileSync } from 'node:fs';
import type { SqlDatabase } from '@stepwise/database';
import { Redis } from 'ioredis';

/** Clock ticks per second of /proc/<pid>/stat (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type CpuSnapshot = ReadonlyMap<number, number>;

const cpuMsOf = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
};

/** CPU used so far by each backend of `database` whose application name starts with `application`. */
export const backendCpu = async (observer: SqlDatabase, database: string, application: string): Promise<CpuSnapshot> => {
  const { rows } = await observer.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE $2`, [database, `${application}%`]);
  const snapshot = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuMsOf(Number(pid));
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
