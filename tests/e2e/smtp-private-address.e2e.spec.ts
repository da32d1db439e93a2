/**
 * An organisation's own SMTP server is an address an admin typed in, like a webhook URL: where
 * private addresses are refused (no STEPWISE_WEBHOOKS_ALLOW_HTTP), one on a loopback, private or
 * link-local address is refused before any connection, with PRIVATE_ADDRESS in what the test
 * message answers, so the api cannot be used to knock on the deployment's own network. A Teams
 * Workflows URL on loopback is refused the same way; the answer's `reason` says so as a code.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
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
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    stepwise = await startStepwise({ env: { STEPWISE_PUBLIC_URL: 'https://stepwise.example.com' } });
    org = await buildOrg(stepwiseApi(stepwise), { label: 'smtp-private' });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('refuses a test email to it as PERMANENT PRIVATE_ADDRESS, without connecting', async () => {
    const me = org.admin;
    await stepwiseApi(stepwise).mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels: [{ channel: 'EMAIL', address: 'admin@example.com' }] });
    const port = (smtp.server.address() as AddressInfo).port;
    await must(
      gql(me, `mutation ($input: SetSmtpIntegrationInput!) { setSmtpIntegration(input: $input) { outcome { version } } }`, {
        input: { host: '127.0.0.1', port, secure: false, fromAddress: 'nudges@example.com', fromName: 'Stepwise' },
      }),
    );
    const sent = await sendTest(me, { channel: 'EMAIL' });
    expect(sent.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: null, reason: 'PRIVATE_ADDRESS' });
    expect(sent.sendTestMessage.detail).toContain('PRIVATE_ADDRESS');
    expect(connections).toBe(0);
  });

  it('refuses a test message to a Teams Workflows URL on loopback as PERMANENT, reason PRIVATE_ADDRESS', async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    await must(
      gql(org.admin, `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`, {
        input: { teamId: org.teamId, webhookUrl: `https://127.0.0.1:${port}/workflows/teams-flow?sig=abc` },
      }),
    );
    const before = connections;
    const sent = await sendTest(org.admin, { channel: 'TEAMS', teamId: org.teamId });
    expect(sent.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: null, reason: 'PRIVATE_ADDRESS' });
    expect(connections).toBe(before);
  });
});
