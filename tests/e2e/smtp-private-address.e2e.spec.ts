/**
 * An organisation's own SMTP server is an address an admin typed in, like a webhook URL: where
 * private addresses are refused (no STEPWISE_WEBHOOKS_ALLOW_HTTP), an SMTP host or a Teams Workflows
 * URL written as a loopback, private or link-local address (or `localhost`) is refused when it is
 * set, with VALIDATION_FAILED, reason PRIVATE_ADDRESS, and nothing written. One stored before that
 * rule (or a name that resolves to such an address) is refused before any connection when a message
 * is sent, with PRIVATE_ADDRESS in what the test message answers, so the api cannot be used to knock
 * on the deployment's own network.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { SetSmtpIntegrationCommand, SetSmtpIntegrationHandler, SetTeamsIntegrationCommand, SetTeamsIntegrationHandler } from '@stepwise/nudges-application';
import { openSecretBox, teamsIntegrationUrlCheck } from '@stepwise/nudges-infrastructure';
import { runInTenant, systemClock } from '@stepwise/kernel';
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type Person } from './support/stepwise-api';

type Data = Record<string, Record<string, unknown>>;

describe('an organisation’s SMTP server on a private address', () => {
  let stepwise: Stepwise;
  let org: OrgFixture;
  let smtp: SMTPServer;
  let connections = 0;

  const gql = (as: Person, query: string, variables: Record<string, unknown>) =>
    stepwise.graphql<Data>({ query, variables, token: as.token, organisationId: as.organisationId });
  const sendTest = (as: Person, input: Record<string, unknown>) =>
    must(gql(as, `mutation ($input: SendTestMessageInput!) { sendTestMessage(input: $input) { kind statusCode detail reason } }`, { input }));
  const must = async (response: Promise<GraphqlResponse<Data>>): Promise<Data> => {
    const answered = await response;
    if (answered.errors) throw new Error(JSON.stringify(answered.errors));
    return answered.data!;
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    // A sender hanging up mid-transaction (ECONNRESET, EPIPE) is its own affair, as for any mail server.
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    stepwise = await startStepwise({ env: { STEPWISE_PUBLIC_URL: 'https://stepwise.example.com' } });
    org = await buildOrg(stepwiseApi(stepwise), { label: 'smtp-private' });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  /** Settings as an admin could store them before private hosts were refused when set. */
  const storedBeforeTheRule = async () => {
    const sealer = await openSecretBox(stepwise.runtime.config.secrets);
    const context = () => ({ tenantId: org.organisationId, subject: org.admin.subject, memberId: org.admin.memberId, orgRole: 'ADMIN' as const, commandId: randomUUID(), correlationId: randomUUID() });
    const permissive = { allowHttp: true };
    const store = stepwise.runtime.eventStore;
    const port = (smtp.server.address() as AddressInfo).port;
    await runInTenant({ tenantId: org.organisationId, correlationId: randomUUID() }, async () => {
      await new SetSmtpIntegrationHandler(store, systemClock, sealer, permissive).execute(
        new SetSmtpIntegrationCommand({ host: '127.0.0.1', port, secure: false, fromAddress: 'nudges@example.com', fromName: 'Stepwise' }, context()),
      );
      await new SetTeamsIntegrationHandler(store, systemClock, sealer, permissive, teamsIntegrationUrlCheck).execute(
        new SetTeamsIntegrationCommand({ teamId: org.teamId, webhookUrl: `https://127.0.0.1:${port}/workflows/teams-flow?sig=abc` }, context()),
      );
    });
  };

  it('refuses an SMTP host or a Teams URL on a private or loopback address when it is set, writing nothing', async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    const head = await stepwise.runtime.eventStore.logHead();
    const refusals: unknown[] = [];
    for (const host of ['127.0.0.1', '10.0.0.25', '169.254.169.254', '::1', 'localhost']) {
      const response = await gql(org.admin, `mutation ($input: SetSmtpIntegrationInput!) { setSmtpIntegration(input: $input) { outcome { version } } }`, {
        input: { host, port, secure: false, fromAddress: 'nudges@example.com', fromName: 'Stepwise' },
      });
      refusals.push({ host, ...(response.errors?.[0]?.extensions as object) });
    }
    for (const url of [`https://127.0.0.1:${port}/workflows/teams-flow?sig=abc`, 'https://[fe80::1]/workflows/x', 'https://localhost./workflows/x']) {
      const response = await gql(org.admin, `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`, {
        input: { teamId: org.teamId, webhookUrl: url },
      });
      refusals.push({ url, ...(response.errors?.[0]?.extensions as object) });
    }
    expect(refusals).toEqual([
      ...['127.0.0.1', '10.0.0.25', '169.254.169.254', '::1', 'localhost'].map((host) => ({ host, code: 'VALIDATION_FAILED', details: { field: 'host', reason: 'PRIVATE_ADDRESS' } })),
      ...[`https://127.0.0.1:${port}/workflows/teams-flow?sig=abc`, 'https://[fe80::1]/workflows/x', 'https://localhost./workflows/x'].map((url) => ({
        url,
        code: 'VALIDATION_FAILED',
        details: { field: 'webhookUrl', reason: 'PRIVATE_ADDRESS' },
      })),
    ]);
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(connections).toBe(0);
  });

  it('refuses a test email to one stored before that rule as PERMANENT PRIVATE_ADDRESS, without connecting', async () => {
    await storedBeforeTheRule();
    const me = org.admin;
    await stepwiseApi(stepwise).mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels: [{ channel: 'EMAIL', address: 'admin@example.com' }] });
    const sent = await sendTest(me, { channel: 'EMAIL' });
    expect(sent.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: null, reason: 'PRIVATE_ADDRESS' });
    expect(sent.sendTestMessage.detail).toContain('PRIVATE_ADDRESS');
    expect(connections).toBe(0);
  });

  it('refuses a test message to a Teams Workflows URL on loopback stored before that rule as PERMANENT, reason PRIVATE_ADDRESS', async () => {
    const before = connections;
    const sent = await sendTest(org.admin, { channel: 'TEAMS', teamId: org.teamId });
    expect(sent.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: null, reason: 'PRIVATE_ADDRESS' });
    expect(connections).toBe(before);
  });
});
