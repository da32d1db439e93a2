/**
 * The CPU processes have used so far, as the kernel keeps it (/proc/<pid>/stat, Linux): a process
 * of ours, or the PostgreSQL backends serving a database (found in pg_stat_activity; the server runs
 * on this machine).
 */
import { readFileSync } from 'node:fs';
import type { SqlDatabase } from '@stepwise/database';

/** Clock ticks per second of /proc/<pid>/stat (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User and system CPU in ms; undefined when the process is gone. */
export const processCpuMs = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
};

/** CPU ms by backend pid. */
export type CpuSnapshot = ReadonlyMap<number, number>;

/** CPU used so far by each backend of `database` whose application name starts with `application` (every backend with ''). */
export const backendCpu = async (observer: SqlDatabase, database: string, application: string): Promise<CpuSnapshot> => {
  const { rows } = await observer.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE $2`, [database, `${application}%`]);
  const snapshot = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(Number(pid));
    if (ms !== undefined) snapshot.set(Number(pid), ms);
  }
  return snapshot;
};

/** CPU ms between two snapshots (a backend that appeared in between counts from zero, one that closed is lost). */
export const cpuBetween = (before: CpuSnapshot, after: CpuSnapshot): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
