/**
 * createOrganisation answered before the read models show the organisation (no worker running, or
 * one far behind): `organisation` is null and `outcome.projected` false, yet the answer still names
 * the new organisation's id, as every other payload names what it made, so the caller can address
 * it once it shows, and a retry with the same clientMutationId names the same one.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';

const CREATE = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisationId organisation { id } outcome { projected replayed streamId } }
}`;

describe('createOrganisation before the read models show it', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    // No worker: nothing projects, and read-your-writes gives up soon.
    stepwise = await startStepwise({ engine: 'pglite', inProcessWorker: false, env: { STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: '100' } });
  });

  afterAll(() => stepwise?.close());

  it('answers the new organisation’s id, the same on a retry, and it is the tenant its events were written for', async () => {
    const token = await stepwise.token('unprojected-founder', 'Ada');
    const send = () => stepwise.graphql<{ createOrganisation: any }>({ query: CREATE, variables: { input: { name: 'Not yet shown', clientMutationId: 'create-1' } }, token }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const first = await send();
    expect(first.errors).toBeUndefined();
    const created = first.data!.createOrganisation;
    expect(created).toMatchObject({ organisation: null, outcome: { projected: false, replayed: false } });
    expect(created.organisationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await stepwise.runtime.eventStore.readStream(created.organisationId, created.outcome.streamId)).map((event) => event.type)).toContain('OrganisationCreated');

    const retried = (await send()).data!.createOrganisation;
    expect(retried).toMatchObject({ organisationId: created.organisationId, outcome: { replayed: true } });
  });
});
