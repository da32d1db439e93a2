/** How the benchmarks reduce and print their figures: medians, numbers as people read them, targets met or missed. */
import { loadavg } from 'node:os';

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** `n` with thousands separators and exactly `digits` decimals; `n/a` when it is not a finite number. */
export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** The machine's load averages over 1, 5 and 15 minutes, printed beside figures that other work on it may have moved. */
export const load = (): string => loadavg().map((n) => n.toFixed(1)).join(' ');
