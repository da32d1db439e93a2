/**
 * A write racing its author's removal from the organisation (README "The GraphQL API"): the api let
 * it through on the membership its read models still showed, and the command, deciding on the
 * organisation's stream, finds the author gone. It is refused as the api refuses a removed member
 * from then on, `ORGANISATION_NOT_FOUND`, whichever kind of write it was, never `FORBIDDEN`, and
 * writes nothing. The worker is stopped before the removals, so the read models show the removed
 * members for the whole spec: every write below reaches its command.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';
import type { Person } from './support/stepwise-api';

describe('a write racing its author’s removal', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let removedStaff: Person;
  let removedAdmin: Person;

  beforeAll(async () => {
    stepwise = await startStepwise({ engine: 'pglite', env: { STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: '500' } });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'racing-removal', staff: 1 });
    journeyId = await startJourney(api, org);
    [removedStaff] = org.staff;
    removedAdmin = await addPerson(api, org.admin, `racing-removal-admin-${org.organisationId}`, 'Second Admin', 'ADMIN');
    // Checked once, so the api keeps these memberships; then nothing more is projected.
    for (const person of [removedStaff, removedAdmin]) expect((await api.attemptQuery(person, 'members')).errors).toBeUndefined();
    await stepwise.stopWorker();
    for (const person of [removedStaff, removedAdmin]) {
      const removed = await api.attempt(org.admin, 'removeMember', { memberId: person.memberId });
      expect(removed.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(() => stepwise?.close());

  const head = async (): Promise<number> => {
    const { rows } = await stepwise.runtime.database.query<{ total: string }>('SELECT count(*)::text AS total FROM es_events WHERE tenant_id = $1', [org.organisationId]);
    return Number(rows[0].total);
  };

  it.each([
    ['a journey write (recordReflection)', () => removedStaff, 'recordReflection', () => ({ journeyId, closer: 'NO', comfort: 2 })],
    ['a preference change (updateNotificationPreferences)', () => removedStaff, 'updateNotificationPreferences', () => ({ memberId: removedStaff.memberId, dailyCap: 2 })],
    ['an organisation write (addMember)', () => removedAdmin, 'addMember', () => ({ subject: `racing-removal-new-${org.organisationId}`, displayName: 'Newcomer' })],
    ['a team write (createTeam)', () => removedAdmin, 'createTeam', () => ({ name: 'Made by someone gone' })],
    ['a webhook endpoint write (registerWebhookEndpoint)', () => removedAdmin, 'registerWebhookEndpoint', () => ({ url: 'https://hooks.example.com/stepwise', subscriptions: ['nudge'] })],
  ] as const)('%s: ORGANISATION_NOT_FOUND, nothing written', async (_label, who, mutation, input) => {
    const before = await head();
    const refused = await api.attempt(who(), mutation, input());
    expect({ code: errorCode(refused), details: refused.errors?.[0]?.extensions?.details }).toEqual({ code: 'ORGANISATION_NOT_FOUND', details: { organisationId: org.organisationId } });
    expect(await head()).toBe(before);
  });
});
