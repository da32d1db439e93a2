/**
 * Organisation settings over GraphQL: the defaults every member reads, an admin's change (partial,
 * validated, recorded once), and every refusal changing nothing.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('organisation settings', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'settings' });
  });

  afterAll(() => stepwise?.close());

  it('start at the defaults, readable by every member', async () => {
    for (const person of [org.admin, org.leader, org.staff[0], org.bystander]) {
      expect(await api.query(person, 'organisationSettings')).toEqual({
        timezone: 'UTC',
        minimumGroupSize: 3,
        stalledAfterDays: 14,
        reflectionWindowHours: 72,
        updatedAt: null,
      });
    }
  });

  it('refuses a non-admin (FORBIDDEN) and bad values (VALIDATION_FAILED), changing nothing', async () => {
    expect(errorCode(await api.attempt(org.leader, 'updateOrganisationSettings', { minimumGroupSize: 5 }))).toBe('FORBIDDEN');
    for (const input of [{ timezone: 'Mars/Olympus' }, { minimumGroupSize: 1 }, { minimumGroupSize: 51 }, { stalledAfterDays: 0 }, {}]) {
      expect(errorCode(await api.attempt(org.admin, 'updateOrganisationSettings', input))).toBe('VALIDATION_FAILED');
    }
    expect(await api.query(org.staff[0], 'organisationSettings')).toMatchObject({ timezone: 'UTC', minimumGroupSize: 3, updatedAt: null });
  });

  it('an admin changes some; the rest stay; members read the change at once', async () => {
    const changed = await api.mutate(org.admin, 'updateOrganisationSettings', { timezone: 'Pacific/Auckland', minimumGroupSize: 2 });
    expect(changed.settings).toMatchObject({ timezone: 'Pacific/Auckland', minimumGroupSize: 2, stalledAfterDays: 14, reflectionWindowHours: 72 });
    expect(changed.settings?.updatedAt).not.toBeNull();
    await api.mutate(org.admin, 'updateOrganisationSettings', { stalledAfterDays: 21, reflectionWindowHours: 48 });
    expect(await api.query(org.staff[1], 'organisationSettings')).toMatchObject({
      timezone: 'Pacific/Auckland',
      minimumGroupSize: 2,
      stalledAfterDays: 21,
      reflectionWindowHours: 48,
    });
  });

  it('the same values again record nothing', async () => {
    const again = await api.mutate(org.admin, 'updateOrganisationSettings', { stalledAfterDays: 21 });
    const before = again.outcome.version;
    const twice = await api.mutate(org.admin, 'updateOrganisationSettings', { stalledAfterDays: 21 });
    expect(twice.outcome.version).toBe(before);
  });
});
