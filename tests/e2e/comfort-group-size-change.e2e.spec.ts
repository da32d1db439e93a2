/**
 * A peer reading the mean comfort before and after an admin changes the minimum group size: each
 * group of answers closes under the size in force when its last answer was recorded, so a change of
 * the size neither reopens a group already shown nor cuts the answers into groups anew. Raising the
 * size hides a mean over fewer people than it now asks for; it never moves one.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type JourneyInFull, type Person, type StepwiseApi } from './support/stepwise-api';

const HOUR = 3_600_000;

describe('the mean comfort when the minimum group size changes', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let ada: Person, bo: Person, cy: Person, dee: Person;

  const reflect = async (who: Person, comfort: number): Promise<void> => {
    clock.advance(HOUR);
    await api.mutate(who, 'recordReflection', { journeyId, closer: 'YES', comfort });
  };
  const seenBy = async (who: Person, asOf?: string): Promise<JourneyInFull['comfort']> =>
    (await api.query(who, 'journeyInFull', asOf === undefined ? { id: journeyId } : { id: journeyId, asOf })).comfort;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'resize', staff: 4 });
    [ada, bo, cy, dee] = org.staff;
    journeyId = await startJourney(api, org, { title: 'Shorter stand-ups' });
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('raising the size later re-cuts no group already shown, so a peer cannot subtract two readings to learn another’s comfort', async () => {
    // Under the default size (3): ada, bo and cy close a group.
    await reflect(ada, 2);
    await reflect(bo, 3);
    await reflect(cy, 4);
    const before = await seenBy(dee);
    expect(before).toMatchObject({ reflections: 3, people: 3, meanComfort: 3, meanOverReflections: 3, minimumGroupSize: 3, hiddenBecause: null });
    const closedAt = clock.now().toISOString();

    clock.advance(HOUR);
    await api.mutate(org.admin, 'updateOrganisationSettings', { minimumGroupSize: 4 });
    // ada answers again, then dee. Re-cut under 4 from the start, one group of 4 people would hold all
    // five answers (mean 18 / 5): against the 9 over 3 read before, dee, knowing their own 4, would
    // read ada's 5 as 18 − 9 − 4.
    await reflect(ada, 5);
    await reflect(dee, 4);
    // The closed group's 3 people are fewer than 4: the mean is hidden, not taken over the open group.
    const hidden = { meanComfort: null, meanOverReflections: 0, minimumGroupSize: 4, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
    const after = await seenBy(dee);
    expect(after).toEqual({ reflections: 5, people: 4, ...hidden });
    expect(await seenBy(bo)).toEqual(after);
    expect(await seenBy(dee, closedAt)).toEqual({ reflections: 3, people: 3, ...hidden });

    // bo's second answer leaves the open group at 3 people; cy's brings it to 4, and it closes under 4.
    await reflect(bo, 1);
    expect(await seenBy(dee)).toEqual({ reflections: 6, people: 4, ...hidden });
    await reflect(cy, 3);
    expect(await seenBy(dee)).toMatchObject({ reflections: 7, people: 4, meanComfort: 22 / 7, meanOverReflections: 7, hiddenBecause: null });
  });
});
