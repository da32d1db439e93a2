/**
 * One timed round of appends: `writers` concurrent loops, each its own stream sequence, every append
 * timed on its own. Streams are named per round so that rounds never meet each other's streams.
 */
import type { AppendRound, RoundResult, StreamMode } from './append-contender.protocol';

/** What a contender does for one append: create `stream` (mode `new`) or append to it at `version`. */
export type AppendOne = (stream: string, mode: StreamMode, version: number) => Promise<void>;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

let roundNumber = 0;

export const runRound = async (append: AppendOne, { writers, appends, mode }: AppendRound): Promise<RoundResult> => {
  roundNumber += 1;
  const prefix = `r${process.pid}-${roundNumber}`;
  const perWriter = Math.ceil(appends / writers);
  const versions = new Array<number>(writers).fill(0);
  if (mode === 'existing') {
    // Untimed: the streams exist before the clock starts.
    await Promise.all(versions.map(async (_, writer) => append(`${prefix}-${writer}`, 'new', 0).then(() => (versions[writer] = 1))));
  }
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    versions.map(async (_, writer) => {
      for (let i = 0; i < perWriter; i += 1) {
        const before = process.hrtime.bigint();
        if (mode === 'new') await append(`${prefix}-${writer}-${i}`, 'new', 0);
        else await append(`${prefix}-${writer}`, 'existing', versions[writer]++);
        latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { perSecond: (perWriter * writers) / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
};
