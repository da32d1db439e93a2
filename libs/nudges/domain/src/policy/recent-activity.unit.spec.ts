import { stateFromDocuments, type JourneyDocument } from './policy.state';
import { activityIn, storedActivity, withActivity, type ActivityEntry, type RecentActivity } from './recent-activity';

const reflection = (at: string, closer: 'YES' | 'NO' | 'UNSURE', comfort: number): ActivityEntry => ({ kind: 'reflection', at, closer, comfort });
const step = (at: string): ActivityEntry => ({ kind: 'step', at });

const fold = (entries: readonly ActivityEntry[], recent: readonly RecentActivity[] = []): readonly RecentActivity[] =>
  entries.reduce((kept, entry) => withActivity(kept, entry.at, entry), recent);

describe('recent activity per quarter hour', () => {
  it('counts a busy quarter hour as one entry, however many reflections it holds', () => {
    const entries = Array.from({ length: 500 }, (_, index) => reflection(`2026-03-02T10:0${index % 10}:00.000Z`, index % 3 === 0 ? 'YES' : index % 3 === 1 ? 'NO' : 'UNSURE', (index % 5) + 1));
    const recent = fold(entries);
    expect(recent).toHaveLength(1);
    expect(recent[0]).toEqual({ at: '2026-03-02T10:00:00.000Z', yes: 167, no: 167, unsure: 166, comfort: 1500, steps: 0 });
  });

  it('keeps quarter hours in time order, a step counted in the quarter hour it was taken', () => {
    const recent = fold([reflection('2026-03-02T10:20:00.000Z', 'YES', 4), step('2026-03-02T09:59:59.999Z'), reflection('2026-03-02T10:14:59.000Z', 'NO', 2)]);
    expect(recent.map((bucket) => [bucket.at, bucket.yes, bucket.no, bucket.steps])).toEqual([
      ['2026-03-02T09:45:00.000Z', 0, 0, 1],
      ['2026-03-02T10:00:00.000Z', 0, 1, 0],
      ['2026-03-02T10:15:00.000Z', 1, 0, 0],
    ]);
  });

  it('counts exactly what falls inside a window from one quarter hour to another', () => {
    // Monday 09:00 in Kathmandu (+05:45) is 03:15 UTC: the window's ends fall inside UTC hours.
    const from = new Date('2026-02-23T03:15:00.000Z');
    const to = new Date('2026-03-02T03:15:00.000Z');
    const recent = fold([
      reflection('2026-02-23T03:14:59.999Z', 'YES', 5), // just before: out
      reflection('2026-02-23T03:15:00.000Z', 'NO', 1), // the first instant: in
      step('2026-02-28T12:00:00.000Z'),
      reflection('2026-03-02T03:14:59.999Z', 'UNSURE', 3), // the last instant: in
      reflection('2026-03-02T03:15:00.000Z', 'YES', 5), // the end: out
    ]);
    expect(activityIn(recent, from, to)).toEqual({ yes: 0, no: 1, unsure: 1, reflections: 2, comfort: 4, steps: 1 });
  });

  it('forgets quarter hours that ended more than eight days before the latest event, and ignores activity older than that', () => {
    const recent = fold([reflection('2026-03-01T10:00:00.000Z', 'YES', 4), reflection('2026-03-01T10:20:00.000Z', 'NO', 2)]);
    // Eight days after 10:16: the 10:00 quarter hour ended at 10:15, before it; the 10:15 one ends after it.
    const later = withActivity(recent, '2026-03-09T10:16:00.000Z', step('2026-03-01T09:00:00.000Z'));
    expect(later.map((bucket) => bucket.at)).toEqual(['2026-03-01T10:15:00.000Z']);
    expect(withActivity(recent, '2026-03-01T11:00:00.000Z')).toBe(recent);
  });

  it('reads a document stored with one entry per reflection or step as quarter hours', () => {
    const legacy = [reflection('2026-03-02T10:01:00.000Z', 'YES', 4), step('2026-03-02T09:50:00.000Z'), reflection('2026-03-02T10:02:00.000Z', 'NO', 2)];
    expect(storedActivity(legacy as never)).toEqual(fold(legacy));
    const current = fold(legacy);
    expect(storedActivity(current)).toBe(current);
    expect(storedActivity(undefined)).toEqual([]);
    // What the policy's processor loads goes through it.
    const stored = { journeyId: 'j1', recent: legacy } as unknown as JourneyDocument;
    expect(stateFromDocuments([{ key: { kind: 'journey', id: 'j1' }, document: stored }]).journeys.j1.recent).toEqual(fold(legacy));
  });
});
