/**
 * What a journey document keeps for the weekly digest: its reflections and steps taken over the
 * last RECENT_ACTIVITY_DAYS, counted per quarter hour. One entry per reflection made a busy
 * journey's document grow with its activity (a team reflecting many times a day: hundreds of
 * entries, a document of hundreds of kilobytes read and written whole on every event the policy
 * applied to it); per quarter hour it holds at most 768 entries, whatever happens in them.
 *
 * The digest counts over [Monday 09:00 local a week earlier, Monday 09:00 local): both ends fall on
 * a quarter hour in every timezone (every UTC offset in use is a whole number of quarter hours), so
 * counting whole quarter hours counts exactly the activity inside the window.
 */
import type { CloserAnswer } from '@stepwise/journeys-domain';

/** How many days of activity a journey document keeps for the digest (its 7 days, and a margin). */
export const RECENT_ACTIVITY_DAYS = 8;

export const QUARTER_HOUR_MS = 15 * 60_000;

const DAY_MS = 86_400_000;

/** One quarter hour's activity on a journey. */
export interface RecentActivity {
  /** The quarter hour's start (ISO 8601, UTC). */
  readonly at: string;
  readonly yes: number;
  readonly no: number;
  readonly unsure: number;
  /** The sum of its reflections' comfort. */
  readonly comfort: number;
  readonly steps: number;
}

/** One reflection or step taken, as an event brings it. */
export type ActivityEntry =
  | { readonly kind: 'reflection'; readonly at: string; readonly closer: CloserAnswer; readonly comfort: number }
  | { readonly kind: 'step'; readonly at: string };

/** Totals over a window. */
export interface ActivityTotals {
  readonly yes: number;
  readonly no: number;
  readonly unsure: number;
  readonly reflections: number;
  readonly comfort: number;
  readonly steps: number;
}

const quarterOf = (at: string): number => Math.floor(Date.parse(at) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;

const EMPTY = { yes: 0, no: 0, unsure: 0, comfort: 0, steps: 0 } as const;

const counted = (bucket: RecentActivity, entry: ActivityEntry): RecentActivity => {
  if (entry.kind === 'step') return { ...bucket, steps: bucket.steps + 1 };
  const answer = entry.closer === 'YES' ? 'yes' : entry.closer === 'NO' ? 'no' : 'unsure';
  return { ...bucket, [answer]: bucket[answer] + 1, comfort: bucket.comfort + entry.comfort };
};

/**
 * The activity of quarter hours that end after `at` less RECENT_ACTIVITY_DAYS, with `entry` counted
 * in its own quarter hour (a step's taken time may be earlier than the event). Oldest first.
 */
export const withActivity = (recent: readonly RecentActivity[], at: string, entry?: ActivityEntry): readonly RecentActivity[] => {
  const horizon = Date.parse(at) - RECENT_ACTIVITY_DAYS * DAY_MS;
  // Oldest first: what has gone past the horizon is at the front, and new activity lands at the back.
  let first = 0;
  while (first < recent.length && Date.parse(recent[first].at) + QUARTER_HOUR_MS <= horizon) first += 1;
  const kept = first === 0 ? recent : recent.slice(first);
  if (!entry) return kept;
  const start = quarterOf(entry.at);
  if (start + QUARTER_HOUR_MS <= horizon) return kept;
  let index = kept.length;
  while (index > 0 && Date.parse(kept[index - 1].at) >= start) index -= 1;
  if (index < kept.length && Date.parse(kept[index].at) === start) return kept.map((bucket, at) => (at === index ? counted(bucket, entry) : bucket));
  const fresh = counted({ at: new Date(start).toISOString(), ...EMPTY }, entry);
  return [...kept.slice(0, index), fresh, ...kept.slice(index)];
};

/** The totals of the quarter hours that start in [from, to). */
export const activityIn = (recent: readonly RecentActivity[], from: Date, to: Date): ActivityTotals => {
  const totals = { yes: 0, no: 0, unsure: 0, reflections: 0, comfort: 0, steps: 0 };
  for (const bucket of recent) {
    const start = Date.parse(bucket.at);
    if (start < from.getTime() || start >= to.getTime()) continue;
    totals.yes += bucket.yes;
    totals.no += bucket.no;
    totals.unsure += bucket.unsure;
    totals.reflections += bucket.yes + bucket.no + bucket.unsure;
    totals.comfort += bucket.comfort;
    totals.steps += bucket.steps;
  }
  return totals;
};

/**
 * A stored document's activity as today's quarter hours: documents written before them kept one
 * entry per reflection or step (`kind`), which are counted into their quarter hours here.
 */
export const storedActivity = (recent: readonly (RecentActivity | ActivityEntry)[] | undefined): readonly RecentActivity[] => {
  if (!recent) return [];
  if (!recent.some((entry) => 'kind' in entry)) return recent as readonly RecentActivity[];
  let buckets: readonly RecentActivity[] = recent.filter((entry): entry is RecentActivity => !('kind' in entry));
  for (const entry of recent) if ('kind' in entry) buckets = withActivity(buckets, entry.at, entry);
  return buckets;
};
