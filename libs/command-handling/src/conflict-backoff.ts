/**
 * How long a command waits before retrying after a concurrent write from another process: exponential
 * (4, 8, 16, 32, then 50 ms at most), half of it jittered so contenders that collided once spread out.
 */
const BASE_MS = 4;
const MAX_MS = 50;

export const conflictBackoffMs = (attempt: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
