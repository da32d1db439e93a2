/**
 * What a token's claims become: its subject is the member it finds exactly as sent, so one with
 * space around it (which `createOrganisation` and `addMember` would keep trimmed, another person's)
 * is refused, and its length is counted in characters as `addMember` counts it; a profile claim the
 * member record could not keep (an email that is no address, a name too long) is left out when an
 * organisation is created, as a claim not sent is, instead of refusing a field the input lacks.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';

describe('a token’s claims, over GraphQL', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  }, 60_000);
  afterAll(() => stepwise?.close());

  const create = (token: string, name: string, displayName?: string) =>
    stepwise.graphql<{ createOrganisation: { organisationId: string } }>({
      token,
      query: `mutation { createOrganisation(input: { name: "${name}"${displayName ? `, displayName: "${displayName}"` : ''} }) { organisationId } }`,
    });
  const mine = (token: string) => stepwise.graphql<{ myOrganisations: { id: string }[] }>({ token, query: '{ myOrganisations { id } }' });

  it('refuses a subject with space around it, or only invisible characters, as UNAUTHENTICATED, and creates nothing', async () => {
    for (const subject of [' claims-mallory', 'claims-mallory ', '\u200b']) {
      const answer = await create(await stepwise.token(subject), 'Trim Test');
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('subject') });
    }
    expect((await mine(await stepwise.token('claims-mallory'))).data?.myOrganisations).toEqual([]);
  });

  it('counts a subject in characters: 255 emoji are a subject, 256 are not', async () => {
    const longest = await stepwise.token('😀'.repeat(255));
    const created = await create(longest, 'Emoji Ltd', 'Emoji'); // a subject of 255 is no display name of 100
    expect(created.errors).toBeUndefined();
    expect((await mine(longest)).data?.myOrganisations.map(({ id }) => id)).toEqual([created.data?.createOrganisation.organisationId]);
    expect((await mine(await stepwise.token('😀'.repeat(256)))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates the organisation without an email claim that is no address, or a name claim too long for a display name', async () => {
    const token = await stepwise.token('claims-odd-profile', 'N'.repeat(150), 'not-an-email');
    const created = await create(token, 'Odd Profile Ltd');
    expect(created.errors).toBeUndefined();
    const organisationId = created.data!.createOrganisation.organisationId;
    const me = await stepwise.graphql<{ me: { displayName: string; email: string | null } }>({ token, organisationId, query: '{ me { displayName email } }' });
    expect(me.data?.me).toEqual({ displayName: 'claims-odd-profile', email: null });
  });
});
