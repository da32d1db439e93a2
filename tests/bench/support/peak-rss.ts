/** A process's peak resident memory, as the kernel keeps it (VmHWM in /proc/<pid>/status, Linux). */
import { readFileSync } from 'node:fs';

/** In MB; undefined without a pid, or when the process is gone. */
export const peakRssMb = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};
