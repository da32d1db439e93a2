/** The nudge benchmark's summary: medians over the rounds, the ratio to raw, and where Stepwise's time goes. */
import type { BenchChannel } from './delivery-contender.protocol';
import type { RunResult } from './delivery.run';
import type { Tally } from './process.meter';
import { fmt, verdict } from '../support/bench-figures';

export interface SummaryOptions {
  readonly rounds: number;
  readonly channels: readonly BenchChannel[];
  readonly nudges: number;
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly peakRssMb: { readonly stepwise: number; readonly raw: number };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const of = (results: readonly RunResult[], contender: RunResult['contender'], shape: RunResult['shape']): RunResult[] =>
  results.filter((result) => result.contender === contender && result.shape === shape);

const perNudge = (runs: readonly RunResult[], value: (run: RunResult) => number): number => median(runs.map((run) => value(run) / run.nudges));

/** Statements summed over runs, per nudge, with their mean duration; the most frequent first. */
const statementTable = (runs: readonly RunResult[]): string[] => {
  const nudges = runs.reduce((sum, run) => sum + run.nudges, 0);
  const deliveries = runs.reduce((sum, run) => sum + run.deliveries, 0);
  const totals = new Map<string, Tally>();
  for (const run of runs) {
    for (const [label, tally] of Object.entries(run.reading.statements)) {
      const total = totals.get(label) ?? { count: 0, ms: 0 };
      total.count += tally.count;
      total.ms += tally.ms;
      totals.set(label, total);
    }
  }
  const all = [...totals.values()].reduce((sum, tally) => sum + tally.count, 0);
  return [
    `  ${fmt(all / nudges, 2)} statements per nudge, ${fmt(all / deliveries, 2)} per delivery (${fmt(deliveries / nudges, 2)} deliveries per nudge: a webhook tenant's nudge is its member's in-app delivery and its endpoint's)`,
    ...[...totals]
      .sort(([, a], [, b]) => b.count - a.count)
      .filter(([, tally]) => tally.count / nudges >= 0.001)
      .map(([label, tally]) => `  ${fmt(tally.count / nudges, 3).padStart(7)}/nudge  ${fmt(tally.ms / tally.count, 2).padStart(6)} ms  ${label}`),
  ];
};

const portTable = (runs: readonly RunResult[]): string[] => {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.reading.ports)))].sort();
  return names.map((name) => {
    const calls = perNudge(runs, (run) => run.reading.ports[name]?.count ?? 0);
    const mean = median(runs.map((run) => (run.reading.ports[name] ? run.reading.ports[name].ms / run.reading.ports[name].count : NaN)));
    return `  ${name.padEnd(28)} ${fmt(calls, 2)} calls/nudge, ${fmt(mean, 2)} ms each`;
  });
};

export const printSummary = (results: readonly RunResult[], options: SummaryOptions): void => {
  const invalid = results.filter((result) => result.problems.length > 0);
  const valid = results.filter((result) => result.problems.length === 0);
  const rawBurst = of(valid, 'raw', 'burst');
  const oursBurst = of(valid, 'stepwise', 'burst');
  const rawPaced = of(valid, 'raw', 'paced');
  const oursPaced = of(valid, 'stepwise', 'paced');
  const rawRate = median(rawBurst.map((run) => run.perSecond));
  const oursRate = median(oursBurst.map((run) => run.perSecond));
  // Per round: each Stepwise burst against the raw burst of the same round.
  const ratios = oursBurst.map((run, index) => run.perSecond / (rawBurst[index]?.perSecond ?? NaN));

  console.log(`\n== burst: ${fmt(options.nudges)} nudges due at once, medians of ${options.rounds} alternated rounds (machine shared: see the load averages above)`);
  if (invalid.length > 0) console.log(`  ${invalid.length} run(s) had problems and are left out of the medians`);
  console.log(`  raw BullMQ + POST  ${fmt(rawRate).padStart(6)} nudges/s   (latency behind the backlog: p50 ${fmt(median(rawBurst.map((r) => r.p50Ms)))} ms, p99 ${fmt(median(rawBurst.map((r) => r.p99Ms)))} ms)`);
  console.log(
    `  Stepwise           ${fmt(oursRate).padStart(6)} nudges/s   (p50 ${fmt(median(oursBurst.map((r) => r.p50Ms)))} ms, p99 ${fmt(median(oursBurst.map((r) => r.p99Ms)))} ms; ` +
      `every delivery settled after ${fmt(median(oursBurst.map((r) => r.settledMs)) / 1000, 1)} s)`,
  );
  console.log(`  ratio ${fmt(oursRate / rawRate, 2)}x raw (median of medians); per round ${ratios.map((ratio) => fmt(ratio, 2)).join(', ')}`);

  for (const rate of options.rates) {
    const rawAt = rawPaced.filter((run) => run.rate === rate);
    const oursAt = oursPaced.filter((run) => run.rate === rate);
    console.log(`\n== paced: ${rate} nudges/s for ${options.seconds} s, due at once; latency from the start of the write to the receiver's arrival`);
    for (const [label, runs] of [['raw BullMQ + POST', rawAt], ['Stepwise', oursAt]] as const) {
      console.log(`  ${label.padEnd(18)} p50 ${fmt(median(runs.map((r) => r.p50Ms))).padStart(4)} ms  p99 ${fmt(median(runs.map((r) => r.p99Ms))).padStart(4)} ms  max ${fmt(median(runs.map((r) => r.maxMs)))} ms`);
    }
    const stages = [...new Set(oursAt.flatMap((run) => Object.keys(run.stages)))];
    if (stages.length > 0) console.log("  Stepwise, stage by stage (medians over rounds of each stage's p50 / p99):");
    for (const stage of stages) {
      console.log(`    ${stage.padEnd(44)} ${fmt(median(oursAt.map((r) => r.stages[stage]?.p50 ?? NaN))).padStart(4)} / ${fmt(median(oursAt.map((r) => r.stages[stage]?.p99 ?? NaN)))} ms`);
    }
  }

  if (options.channels.length > 1) {
    console.log(`\n== per channel (Stepwise's tenants spread over ${options.channels.join(', ')}; medians over the rounds, against the raw webhook baseline)`);
    for (const channel of options.channels) {
      const burst = oursBurst.map((run) => run.byChannel[channel]).filter((figures) => figures !== undefined);
      const rate = median(burst.map((figures) => figures.perSecond));
      const paced = options.rates.map((offered) => {
        const figures = oursPaced.filter((run) => run.rate === offered).map((run) => run.byChannel[channel]).filter((f) => f !== undefined);
        return `paced ${offered}/s: p50 ${fmt(median(figures.map((f) => f.p50Ms)))} ms, p99 ${fmt(median(figures.map((f) => f.p99Ms)))} ms`;
      });
      console.log(`  ${channel.padEnd(8)} burst ${fmt(median(burst.map((f) => f.nudges)))} nudges: ${fmt(rate).padStart(5)} nudges/s (${fmt(rate / rawRate, 2)}x raw)   ${paced.join('   ')}`);
    }
  }

  console.log('\n== where the time goes (bursts; medians per nudge over the rounds)');
  for (const [label, runs] of [['raw', rawBurst], ['Stepwise', oursBurst]] as const) {
    console.log(
      `  ${label.padEnd(9)} process CPU ${fmt(perNudge(runs, (r) => r.reading.cpuUserMs + r.reading.cpuSystemMs), 3)} ms/nudge ` +
        `(user ${fmt(perNudge(runs, (r) => r.reading.cpuUserMs), 3)}, system ${fmt(perNudge(runs, (r) => r.reading.cpuSystemMs), 3)}; ` +
        `event loop busy ${fmt(median(runs.map((r) => r.reading.eventLoopBusy * 100)))}%), ` +
        `PostgreSQL backends ${fmt(perNudge(runs, (r) => r.postgresCpuMs), 3)} ms/nudge, ` +
        `Redis ${fmt(perNudge(runs, (r) => r.reading.redisCommands), 1)} commands and ${fmt(perNudge(runs, (r) => r.redisCpuMs), 3)} ms CPU/nudge (shared server)`,
    );
  }
  console.log('  raw, timed calls:');
  for (const row of portTable(rawBurst)) console.log(`  ${row}`);
  console.log('  Stepwise, timed ports:');
  for (const row of portTable(oursBurst)) console.log(`  ${row}`);
  console.log('\n== Stepwise SQL, bursts (every statement of the relay and the processor, summed over the rounds)');
  for (const row of statementTable(oursBurst)) console.log(row);
  if (oursPaced.length > 0) {
    console.log('\n== Stepwise SQL, paced runs');
    for (const row of statementTable(oursPaced).slice(0, 13)) console.log(row);
  }

  console.log('\n== peak resident memory (VmHWM) of the contender processes');
  console.log(`  Stepwise ${fmt(options.peakRssMb.stepwise)} MB   raw ${fmt(options.peakRssMb.raw)} MB`);

  console.log('\n== targets');
  console.log(`  Stepwise >= 0.5x raw: ${fmt(oursRate / rawRate, 2)}x, the medians' ratio (rounds: ${ratios.map((ratio) => fmt(ratio, 2)).join(', ')}) ${verdict(oursRate / rawRate >= 0.5)}`);
  for (const rate of options.rates) {
    const p99 = median(oursPaced.filter((run) => run.rate === rate).map((run) => run.p99Ms));
    console.log(`  p99 due at once < 500 ms, paced at ${rate}/s: ${fmt(p99)} ms ${verdict(p99 < 500)}`);
  }
  console.log(`  nothing lost, nothing twice, every attempt recorded: ${verdict(invalid.length === 0)}`);
};
