/**
 * Appends on PostgreSQL: ours, raw and Emmett, each forked into its own process, measured round by
 * round in alternation (the order rotates every round) so drifting machine load hits all three
 * alike. Prints medians over the rounds of appends/s, p50 and p99 latency, and ratios to raw.
 */
import type { AppendRound, ContenderName, RoundResult, StreamMode } from './append-contender.protocol';
import { load } from '../support/bench-figures';
import { forkContender, type ContenderProcess } from './append-contender.client';

export const APPEND_ROUNDS = 5;
const NAMES: readonly ContenderName[] = ['ours', 'raw', 'emmett'];

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export interface AppendComparisonOptions {
  /** Our store's database (the raw baseline writes the same tables). */
  readonly stepwiseUrl: string;
  /** Emmett's own database. */
  readonly emmettUrl: string;
  readonly rounds?: number;
}

const measure = async (contenders: readonly ContenderProcess[], round: AppendRound, rounds: number): Promise<Map<ContenderName, RoundResult[]>> => {
  const results = new Map<ContenderName, RoundResult[]>(contenders.map((c) => [c.name, []]));
  // Unmeasured warm-up: connections opened, statements prepared, JIT warm.
  for (const contender of contenders) await contender.round({ ...round, appends: Math.min(round.appends, 200) });
  for (let r = 0; r < rounds; r += 1) {
    for (let k = 0; k < contenders.length; k += 1) {
      const contender = contenders[(r + k) % contenders.length];
      results.get(contender.name)!.push(await contender.round(round));
    }
  }
  return results;
};

export const compareAppends = async ({ stepwiseUrl, emmettUrl, rounds = APPEND_ROUNDS }: AppendComparisonOptions): Promise<void> => {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, not ${rounds}`);
  const contenders = await Promise.all(NAMES.map((name) => forkContender(name, name === 'emmett' ? emmettUrl : stepwiseUrl)));
  try {
    console.log(`single-event appends, medians of ${rounds} alternated rounds, one process and pool of 20 per contender`);
    for (const writers of [1, 16]) {
      for (const mode of ['new', 'existing'] as StreamMode[]) {
        const loadBefore = load();
        const results = await measure(contenders, { writers, mode, appends: writers === 1 ? 1000 : 3000 }, rounds);
        const rate = (name: ContenderName): number => median(results.get(name)!.map((r) => r.perSecond));
        const p99 = (name: ContenderName): number => median(results.get(name)!.map((r) => r.p99Ms));
        const p50 = (name: ContenderName): number => median(results.get(name)!.map((r) => r.p50Ms));
        console.log(`${String(writers).padStart(2)} writer(s), ${mode.padEnd(8)} streams (load ${loadBefore} -> ${load()}):`);
        for (const name of NAMES) {
          const ratio = name === 'raw' ? '' : `  ${(rate(name) / rate('raw')).toFixed(2)}x raw`;
          console.log(`  ${name.padEnd(6)} ${fmt(rate(name)).padStart(6)}/s  p50 ${p50(name).toFixed(2)} ms  p99 ${p99(name).toFixed(2)} ms${ratio}`);
        }
      }
    }
  } finally {
    await Promise.all(contenders.map((contender) => contender.close()));
  }
};
