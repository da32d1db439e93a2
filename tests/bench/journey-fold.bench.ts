/**
 * `npm run bench:journey-fold`: how long the journey decider takes to fold a long journey from its
 * first event, the work a command does the first time a process loads the journey (a cold cache,
 * after a restart), on the process's one event loop. Journeys of 1,000 to 10,000 reflections, each
 * folded `--rounds` times (median). The figure to watch is the cost per event as a ratio to the
 * shortest journey's in the same run: near 1× when a fold grows with the journey's length, ~10×
 * at ten times the length when each event copies everything before it.
 */
import { evolveJourney, initialJourneyState, type JourneyEvent, type JourneyState } from '@stepwise/journeys-domain';
import { fmt, load, median } from './support/bench-figures';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 3) || 3;
const LENGTHS = [1_000, 5_000, 10_000];

const journeyOf = (reflections: number): JourneyEvent[] => [
  { type: 'JourneyStarted', data: { journeyId: 'j', teamId: 't', title: 'Reading together', startedBy: 'lee', at: '2026-01-05T09:00:00.000Z' } } as JourneyEvent,
  ...Array.from(
    { length: reflections },
    (_, index) =>
      ({
        type: 'ReflectionRecorded',
        data: { journeyId: 'j', teamId: 't', reflectionId: `r-${index}`, stepId: null, memberId: `m-${index % 20}`, closer: index % 3 === 0 ? 'NO' : 'YES', comfort: 3, note: null, visionVersion: 1, at: '2026-01-06T09:00:00.000Z' },
      }) as JourneyEvent,
  ),
];

const timed = (work: () => unknown): number => {
  const started = performance.now();
  work();
  return performance.now() - started;
};

console.log(`journey fold benchmark: ${rounds} rounds per length; load average ${load()}`);
console.log('reflections    fold ms   µs per event   × the shortest journey per event');
let shortest: number | undefined;
for (const length of LENGTHS) {
  const events = journeyOf(length);
  const fold = median(Array.from({ length: rounds }, () => timed(() => events.reduce<JourneyState>(evolveJourney, initialJourneyState()))));
  const perEvent = (fold * 1000) / events.length;
  shortest ??= perEvent;
  console.log(`${fmt(length).padStart(11)}   ${fmt(fold, 1).padStart(8)}   ${fmt(perEvent, 1).padStart(12)}   ${fmt(perEvent / shortest, 2).padStart(8)}x`);
}
