/**
 * Mutations beside transactions that hold ids: a stranger's (another database of the cluster)
 * changes nothing; one of ours holds the read models back, so a mutation answers within the
 * read-your-writes timeout with `projected: false`, and its write shows as soon as that ends.
 */
import { holdForeignTransaction, holdTransactionOn } from '../support/held-transaction';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';

const CREATE = 'mutation Found($name: String!) { createOrganisation(input: { name: $name }) { organisation { id } outcome { projected } } }';

type Created = { createOrganisation: { organisation: { id: string } | null; outcome: { projected: boolean } } };

describe('mutations beside transactions that hold the log', () => {
  let stepwise: Stepwise;
  let token: string;

  beforeAll(async () => {
    // A poll far beyond every wait here: only notifications and the horizon backoff can make these pass.
    stepwise = await startStepwise({ env: { STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: '1000', STEPWISE_PROJECTION_POLL_MS: '10000' } });
    token = await stepwise.token('horizon-founder');
  });

  afterAll(() => stepwise.close());

  it('a transaction open in another database delays nothing: the mutation answers projected', async () => {
    const stranger = await holdForeignTransaction();
    try {
      const created = await stepwise.graphql<Created>({ token, query: CREATE, variables: { name: 'Beside a stranger' } });
      expect(created.data?.createOrganisation.outcome.projected).toBe(true);
      expect(created.data?.createOrganisation.organisation?.id).toEqual(expect.any(String));
    } finally {
      await stranger.end();
    }
  });

  it('one open in our database: the mutation answers in time, not projected; its write shows once that ends', async () => {
    const blocker = await holdTransactionOn(stepwise.runtime.database);
    let ended = false;
    try {
      const started = Date.now();
      const created = await stepwise.graphql<Created>({ token, query: CREATE, variables: { name: 'Behind our own' } });
      expect(created.data?.createOrganisation.outcome.projected).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);

      await blocker.end();
      ended = true;
      const deadline = Date.now() + 1_000;
      let names: string[] = [];
      while (!names.includes('Behind our own') && Date.now() < deadline) {
        const mine = await stepwise.graphql<{ myOrganisations: { name: string }[] }>({ token, query: '{ myOrganisations { name } }' });
        names = mine.data?.myOrganisations.map((organisation) => organisation.name) ?? [];
      }
      // The worker's poll is 10 s away: the read models caught up on their own.
      expect(names).toContain('Behind our own');
    } finally {
      if (!ended) await blocker.end();
    }
  });
});
