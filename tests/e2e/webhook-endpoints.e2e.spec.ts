/**
 * Webhook endpoints over GraphQL, as an admin manages them: register (with a secret of their own or
 * a generated one, shown once), rotate with two secrets valid for a grace period, end it early,
 * disable, enable, change and remove. Staff can do none of it; bad input changes nothing; and no
 * signing secret is ever answered by a query or stored in plaintext, in the events or the read tables.
 */
import { randomBytes } from 'node:crypto';
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type StepwiseApi } from './support/stepwise-api';

const detailsOf = (response: GraphqlResponse<Record<string, unknown>>): Record<string, unknown> | undefined =>
  response.errors?.[0]?.extensions?.details as Record<string, unknown> | undefined;

const HOUR = 3_600_000;
/** How many endpoints an organisation may have registered (README, webhook endpoints). */
const ENDPOINT_LIMIT = 25;

describe('webhook endpoints', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  /** Every secret set in this suite, generated or supplied: none may ever be read back. */
  const secrets: string[] = [];
  /** Every query answer of this suite, kept to search for secrets at the end. */
  const answers: unknown[] = [];

  const endpoints = async () => {
    const page = await api.query(org.admin, 'webhookEndpoints', { first: 100 });
    answers.push(page);
    return page.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'hooks' });
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('lists every event type and nudge as something to subscribe to', async () => {
    const types = await api.query(org.staff[0], 'webhookSubscriptionTypes');
    expect(types).toEqual(expect.arrayContaining(['MemberJoined', 'TeamSubscribed', 'StepTaken', 'ReflectionRecorded', 'NudgeSettingsChanged', 'MemberEmailChanged', 'nudge']));
  });

  it('staff may neither list nor register endpoints, and bad input is refused naming the field; nothing is written', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    expect(errorCode(await api.attemptQuery(org.staff[0], 'webhookEndpoints', { first: 10 }))).toBe('FORBIDDEN');
    expect(errorCode(await api.attemptQuery(org.leader, 'webhookEndpoints', { first: 10 }))).toBe('FORBIDDEN');
    expect(errorCode(await api.attempt(org.leader, 'registerWebhookEndpoint', { url: 'https://hooks.example.com/x', subscriptions: ['nudge'] }))).toBe('FORBIDDEN');
    // A non-admin learns nothing of the input's validity.
    expect(errorCode(await api.attempt(org.leader, 'registerWebhookEndpoint', { url: 'http://10.0.0.5/x', subscriptions: ['nudge'] }))).toBe('FORBIDDEN');
    expect(errorCode(await api.attempt(org.leader, 'updateWebhookEndpoint', { endpointId: 'no-such-endpoint', url: 'http://10.0.0.5/x' }))).toBe('FORBIDDEN');
    expect(errorCode(await api.attempt(org.leader, 'rotateWebhookSecret', { endpointId: 'no-such-endpoint', secret: 'whsec_not base64!' }))).toBe('FORBIDDEN');
    const register = (input: Input) => api.attempt(org.admin, 'registerWebhookEndpoint', { url: 'https://hooks.example.com/x', subscriptions: ['nudge'], ...input });
    const cases: [Input, string, string][] = [
      [{ url: 'http://hooks.example.com/x' }, 'url', 'HTTPS_REQUIRED'],
      [{ url: 'https://user:pass@hooks.example.com/x' }, 'url', 'CREDENTIALS_NOT_ALLOWED'],
      [{ url: 'https://10.0.0.5/x' }, 'url', 'PRIVATE_ADDRESS'],
      [{ url: 'https://169.254.169.254/latest/meta-data' }, 'url', 'PRIVATE_ADDRESS'],
      [{ url: 'https://[::ffff:127.0.0.1]:8443/x' }, 'url', 'PRIVATE_ADDRESS'],
      [{ url: 'https://localhost/x' }, 'url', 'PRIVATE_ADDRESS'],
      [{ url: 'not a url' }, 'url', 'INVALID_FORMAT'],
      [{ url: 'https://hooks.example.com/a b' }, 'url', 'INVALID_FORMAT'],
      [{ url: 'https://hooks.example.com/x\t' }, 'url', 'INVALID_FORMAT'],
      [{ subscriptions: ['nudge', 'StepTakn'] }, 'subscriptions[1]', 'UNKNOWN_EVENT_TYPE'],
      [{ subscriptions: [] }, 'subscriptions', 'REQUIRED'],
      [{ secret: 'whsec_not base64!' }, 'secret', 'INVALID_FORMAT'],
      [{ secret: randomBytes(32).toString('base64') }, 'secret', 'INVALID_FORMAT'],
      [{ secret: `whsec_${randomBytes(16).toString('base64')}` }, 'secret', 'OUT_OF_RANGE'],
    ];
    for (const [input, field, reason] of cases) {
      const response = await register(input);
      expect({ code: errorCode(response), ...detailsOf(response) }).toMatchObject({ code: 'VALIDATION_FAILED', field, reason });
    }
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await endpoints()).toEqual([]);
  });

  it('registers with a generated secret shown once, or with the admin’s own; lists them oldest first, page by page', async () => {
    const generated = await api.mutate(org.admin, 'registerWebhookEndpoint', {
      url: 'https://hooks.example.com/stepwise',
      description: 'CRM',
      subscriptions: ['StepTaken', 'nudge'],
      clientMutationId: 'register-crm',
    });
    expect(generated.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    secrets.push(generated.signingSecret!);
    expect(generated.endpoint).toMatchObject({
      id: generated.endpointId,
      url: 'https://hooks.example.com/stepwise',
      description: 'CRM',
      subscriptions: ['StepTaken', 'nudge'],
      status: 'ACTIVE',
      disabledReason: null,
      secretRotatedAt: null,
      previousSecretExpiresAt: null,
    });

    // The same clientMutationId again: registered once, and the same secret answered to the retry.
    const retried = await api.mutate(org.admin, 'registerWebhookEndpoint', {
      url: 'https://hooks.example.com/stepwise',
      description: 'CRM',
      subscriptions: ['StepTaken', 'nudge'],
      clientMutationId: 'register-crm',
    });
    expect(retried).toMatchObject({ endpointId: generated.endpointId, signingSecret: generated.signingSecret, outcome: { replayed: true } });

    const own = `whsec_${randomBytes(32).toString('base64')}`;
    secrets.push(own);
    const supplied = await api.mutate(org.admin, 'registerWebhookEndpoint', { url: 'https://other.example.com/in', subscriptions: ['PivotMade'], secret: own });
    expect(supplied.signingSecret).toBeNull();

    expect((await endpoints()).map((endpoint) => endpoint.id)).toEqual([generated.endpointId, supplied.endpointId]);
    const first = await api.query(org.admin, 'webhookEndpoints', { first: 1 });
    const second = await api.query(org.admin, 'webhookEndpoints', { first: 1, after: first.pageInfo.endCursor });
    answers.push(first, second);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    expect(second.edges.map((edge) => edge.node.id)).toEqual([supplied.endpointId]);
  });

  it('rotates with two secrets valid for the grace period, ends it early, disables, enables, changes and removes', async () => {
    const [endpoint] = await endpoints();
    const endpointId = endpoint.id;

    const rotated = await api.mutate(org.admin, 'rotateWebhookSecret', { endpointId });
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(secrets).not.toContain(rotated.signingSecret);
    secrets.push(rotated.signingSecret!);
    const rotatedAt = Date.parse(rotated.endpoint!.secretRotatedAt!);
    expect(Date.parse(rotated.endpoint!.previousSecretExpiresAt!) - rotatedAt).toBe(24 * HOUR);

    const own = `whsec_${randomBytes(24).toString('base64')}`;
    secrets.push(own);
    const again = await api.mutate(org.admin, 'rotateWebhookSecret', { endpointId, secret: own, gracePeriodMinutes: 60 });
    expect(again.signingSecret).toBeNull();
    expect(Date.parse(again.endpoint!.previousSecretExpiresAt!) - Date.parse(again.endpoint!.secretRotatedAt!)).toBe(HOUR);

    const expired = await api.mutate(org.admin, 'expirePreviousWebhookSecret', { endpointId });
    expect(Date.parse(expired.endpoint!.previousSecretExpiresAt!)).toBeLessThanOrEqual(Date.parse(expired.endpoint!.updatedAt));
    const nothingLeft = await api.mutate(org.admin, 'expirePreviousWebhookSecret', { endpointId });
    expect(nothingLeft.outcome.version).toBe(expired.outcome.version);

    const disabled = await api.mutate(org.admin, 'disableWebhookEndpoint', { endpointId });
    expect(disabled.endpoint).toMatchObject({ status: 'DISABLED', disabledReason: 'ADMIN', disabledStatusCode: null });
    expect(disabled.endpoint!.disabledAt).not.toBeNull();
    const enabled = await api.mutate(org.admin, 'enableWebhookEndpoint', { endpointId });
    expect(enabled.endpoint).toMatchObject({ status: 'ACTIVE', disabledReason: null, disabledAt: null });

    const changed = await api.mutate(org.admin, 'updateWebhookEndpoint', { endpointId, subscriptions: ['JourneyStarted', 'nudge'], description: null });
    expect(changed.endpoint).toMatchObject({ subscriptions: ['JourneyStarted', 'nudge'], description: null, url: 'https://hooks.example.com/stepwise' });
    const moved = await api.attempt(org.admin, 'updateWebhookEndpoint', { endpointId, url: 'https://192.168.1.20/stepwise' });
    expect({ code: errorCode(moved), ...detailsOf(moved) }).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url', reason: 'PRIVATE_ADDRESS' });
    const spaced = await api.attempt(org.admin, 'updateWebhookEndpoint', { endpointId, url: 'https://hooks.example.com/step wise' });
    expect({ code: errorCode(spaced), ...detailsOf(spaced) }).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url', reason: 'INVALID_FORMAT' });

    for (const name of ['rotateWebhookSecret', 'expirePreviousWebhookSecret', 'disableWebhookEndpoint', 'removeWebhookEndpoint'] as const) {
      expect(errorCode(await api.attempt(org.staff[0], name, { endpointId }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await api.attempt(org.admin, 'rotateWebhookSecret', { endpointId, gracePeriodMinutes: 20_000 }))).toBe('VALIDATION_FAILED');

    const removed = await api.mutate(org.admin, 'removeWebhookEndpoint', { endpointId });
    expect(removed.endpoint).toBeNull();
    expect((await endpoints()).map((remaining) => remaining.id)).not.toContain(endpointId);
    expect(errorCode(await api.attempt(org.admin, 'enableWebhookEndpoint', { endpointId }))).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');

    // An id no endpoint can have (longer than any id) is not found, naming the client's field, not the store's stream.
    const head = await stepwise.runtime.eventStore.logHead();
    const inputs = { updateWebhookEndpoint: { description: 'x' }, rotateWebhookSecret: {}, expirePreviousWebhookSecret: {}, disableWebhookEndpoint: {}, enableWebhookEndpoint: {}, removeWebhookEndpoint: {} };
    for (const [name, input] of Object.entries(inputs)) {
      for (const length of [101, 184, 300]) {
        const long = 'a'.repeat(length);
        const refused = await api.attempt(org.admin, name as keyof typeof inputs, { endpointId: long, ...input });
        expect([name, length, errorCode(refused), detailsOf(refused)]).toEqual([name, length, 'WEBHOOK_ENDPOINT_NOT_FOUND', { field: 'endpointId', endpointId: long }]);
      }
    }
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
  });

  it('refuses a clientMutationId sent again with another supplied secret (IDEMPOTENCY_KEY_REUSED), writing nothing; the same secret again is replayed', async () => {
    const [first, other, rotatedTo, otherRotation] = Array.from({ length: 4 }, () => `whsec_${randomBytes(32).toString('base64')}`);
    secrets.push(first, other, rotatedTo, otherRotation);
    const register = { url: 'https://once.example.com/in', subscriptions: ['nudge'], clientMutationId: 'register-own-secret' };
    const registered = await api.mutate(org.admin, 'registerWebhookEndpoint', { ...register, secret: first });
    const rotate = { endpointId: registered.endpointId, clientMutationId: 'rotate-own-secret' };
    const rotated = await api.mutate(org.admin, 'rotateWebhookSecret', { ...rotate, secret: rotatedTo });
    expect(rotated.outcome.replayed).toBe(false);

    const head = await stepwise.runtime.eventStore.logHead();
    expect(errorCode(await api.attempt(org.admin, 'registerWebhookEndpoint', { ...register, secret: other }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(errorCode(await api.attempt(org.admin, 'rotateWebhookSecret', { ...rotate, secret: otherRotation }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(errorCode(await api.attempt(org.admin, 'rotateWebhookSecret', { endpointId: registered.endpointId, clientMutationId: 'rotate-own-secret' }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);

    expect(await api.mutate(org.admin, 'registerWebhookEndpoint', { ...register, secret: first })).toMatchObject({ endpointId: registered.endpointId, outcome: { replayed: true } });
    expect(await api.mutate(org.admin, 'rotateWebhookSecret', { ...rotate, secret: rotatedTo })).toMatchObject({ outcome: { replayed: true, version: rotated.outcome.version } });
  });

  it(`keeps an organisation to ${ENDPOINT_LIMIT} endpoints, disabled ones included: one more is WEBHOOK_ENDPOINT_LIMIT_REACHED, writing nothing; a retry is still answered, and removing one makes room`, async () => {
    const full = await buildOrg(api, { label: 'hooks-full', staff: 0 });
    const input = (n: number): Input => ({ url: `https://hooks.example.com/${n}`, subscriptions: ['nudge'], clientMutationId: `fill-${n}` });
    const ids: string[] = [];
    for (let n = 0; n < ENDPOINT_LIMIT; n += 1) ids.push((await api.mutate(full.admin, 'registerWebhookEndpoint', input(n))).endpointId);
    await api.mutate(full.admin, 'disableWebhookEndpoint', { endpointId: ids[0] });

    const head = await stepwise.runtime.eventStore.logHead();
    const refused = await api.attempt(full.admin, 'registerWebhookEndpoint', input(ENDPOINT_LIMIT));
    expect({ code: errorCode(refused), ...detailsOf(refused) }).toMatchObject({ code: 'WEBHOOK_ENDPOINT_LIMIT_REACHED', limit: ENDPOINT_LIMIT });
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await api.mutate(full.admin, 'registerWebhookEndpoint', input(3))).toMatchObject({ endpointId: ids[3], outcome: { replayed: true } });
    // Another organisation's endpoints are its own: this suite's organisation still registers.
    const elsewhere = await api.mutate(org.admin, 'registerWebhookEndpoint', { url: 'https://elsewhere.example.com/in', subscriptions: ['nudge'] });
    secrets.push(elsewhere.signingSecret!);

    await api.mutate(full.admin, 'removeWebhookEndpoint', { endpointId: ids[0] });
    const room = await api.mutate(full.admin, 'registerWebhookEndpoint', input(ENDPOINT_LIMIT));
    expect(room.endpoint).toMatchObject({ status: 'ACTIVE', url: `https://hooks.example.com/${ENDPOINT_LIMIT}` });
    expect(errorCode(await api.attempt(full.admin, 'registerWebhookEndpoint', input(ENDPOINT_LIMIT + 1)))).toBe('WEBHOOK_ENDPOINT_LIMIT_REACHED');
  });

  it('posts to a URL from one endpoint of an organisation at most: another registration or change to it is WEBHOOK_URL_TAKEN, naming the endpoint, writing nothing; once removed, the URL is free', async () => {
    const own = await buildOrg(api, { label: 'hooks-one-url', staff: 0 });
    const crm = await api.mutate(own.admin, 'registerWebhookEndpoint', { url: 'https://crm.example.com/in', subscriptions: ['nudge'] });
    const other = await api.mutate(own.admin, 'registerWebhookEndpoint', { url: 'https://crm.example.com/in?team=2', subscriptions: ['StepTaken'] });
    secrets.push(crm.signingSecret!, other.signingSecret!);
    await api.mutate(own.admin, 'disableWebhookEndpoint', { endpointId: crm.endpointId });

    const head = await stepwise.runtime.eventStore.logHead();
    // Disabled, it still has its URL (an admin can enable it at any moment); written another way, it is the same URL.
    for (const url of ['https://crm.example.com/in', 'HTTPS://CRM.Example.com:443/x/../in']) {
      const refused = await api.attempt(own.admin, 'registerWebhookEndpoint', { url, subscriptions: ['StepTaken'] });
      expect({ code: errorCode(refused), ...detailsOf(refused) }).toMatchObject({ code: 'WEBHOOK_URL_TAKEN', field: 'url', endpointId: crm.endpointId });
    }
    const moved = await api.attempt(own.admin, 'updateWebhookEndpoint', { endpointId: other.endpointId, url: 'https://crm.example.com/in' });
    expect({ code: errorCode(moved), ...detailsOf(moved) }).toMatchObject({ code: 'WEBHOOK_URL_TAKEN', field: 'url', endpointId: crm.endpointId });
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    // Its own URL is no conflict; another organisation's endpoints are its own.
    expect(await api.mutate(own.admin, 'updateWebhookEndpoint', { endpointId: crm.endpointId, url: 'https://crm.example.com/in', description: 'CRM' })).toMatchObject({
      endpoint: { url: 'https://crm.example.com/in', description: 'CRM' },
    });
    const elsewhere = await api.mutate(org.admin, 'registerWebhookEndpoint', { url: 'https://crm.example.com/in', subscriptions: ['nudge'] });
    secrets.push(elsewhere.signingSecret!);

    await api.mutate(own.admin, 'removeWebhookEndpoint', { endpointId: crm.endpointId });
    expect(await api.mutate(own.admin, 'updateWebhookEndpoint', { endpointId: other.endpointId, url: 'https://crm.example.com/in' })).toMatchObject({
      endpoint: { url: 'https://crm.example.com/in' },
    });
  });

  it('answers a generated secret again to a retry by an admin only: one demoted since is refused', async () => {
    const promoted = org.staff[1];
    await api.mutate(org.admin, 'changeMemberRole', { memberId: promoted.memberId, orgRole: 'ADMIN' });
    const register = { url: 'https://promoted.example.com/in', subscriptions: ['nudge'], clientMutationId: 'register-while-admin' };
    const registered = await api.mutate(promoted, 'registerWebhookEndpoint', register);
    secrets.push(registered.signingSecret!);
    expect(await api.mutate(promoted, 'registerWebhookEndpoint', register)).toMatchObject({ outcome: { replayed: true }, signingSecret: registered.signingSecret });
    await api.mutate(org.admin, 'changeMemberRole', { memberId: promoted.memberId, orgRole: 'MEMBER' });
    const replayed = await api.attempt(promoted, 'registerWebhookEndpoint', register);
    expect(errorCode(replayed)).toBe('FORBIDDEN');
    expect(JSON.stringify(replayed)).not.toContain(registered.signingSecret!.slice('whsec_'.length));
  });

  it('never answers a secret from a query, nor stores one in plaintext in the events or the read tables', async () => {
    expect(secrets).toHaveLength(13);
    answers.push(await api.query(org.admin, 'membersWithPreferences'), await api.query(org.admin, 'nudgeSettings'));
    const answered = JSON.stringify(answers);
    const { rows: events } = await stepwise.runtime.database.query<{ row: string }>(
      `SELECT row_to_json(e)::text AS row FROM es_events e WHERE tenant_id = $1`,
      [org.organisationId],
    );
    const { rows: tables } = await stepwise.runtime.database.query<{ row: string }>(
      `SELECT row_to_json(w)::text AS row FROM webhook_endpoints w WHERE tenant_id = $1`,
      [org.organisationId],
    );
    const stored = [...events, ...tables].map((row) => row.row).join('\n');
    expect(stored).toContain('WebhookSecretRotated');
    expect(stored).toContain('sb1.');
    for (const secret of secrets) {
      const key = secret.slice('whsec_'.length);
      expect(answered).not.toContain(key);
      expect(stored).not.toContain(key);
    }
  });
});
