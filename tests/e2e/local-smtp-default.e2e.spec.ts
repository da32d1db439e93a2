/**
 * The embedded default with a local SMTP server as the deployment's default (STEPWISE_SMTP_URL, e.g.
 * a mail catcher on 127.0.0.1:1025) sends email as it is set up, without allowing plain http or
 * private addresses anywhere: the unsubscribe link under the default public URL
 * (http://127.0.0.1:<port>, this machine) is accepted, where before every email was refused as not
 * https (RFC 8058) unless STEPWISE_WEBHOOKS_ALLOW_HTTP opened the outbound filter too. A webhook to
 * a private address is still refused.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person } from './support/stepwise-api';

type Data = Record<string, Record<string, unknown>>;

describe('the embedded default with a local SMTP server', () => {
  let stepwise: Stepwise;
  let org: OrgFixture;
  let smtp: SMTPServer;
  const mails: string[] = [];

  const gql = (as: Person, query: string, variables: Record<string, unknown>) =>
    stepwise.graphql<Data>({ query, variables, token: as.token, organisationId: as.organisationId });
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
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    // A sender hanging up mid-transaction (ECONNRESET, EPIPE) is its own affair, as for any mail server.
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    stepwise = await startStepwise({ env: { STEPWISE_SMTP_URL: `smtp://127.0.0.1:${port}`, STEPWISE_SMTP_FROM: 'Stepwise <nudges@localhost.test>' } });
    org = await buildOrg(stepwiseApi(stepwise), { label: 'local-smtp' });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('sends a test email, whose check is the nudges’ own: an unsubscribe link to the api on this machine is accepted', async () => {
    const me = org.admin;
    await stepwiseApi(stepwise).mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels: [{ channel: 'EMAIL', address: 'admin@example.com' }] });
    const sent = await must(gql(me, `mutation ($input: SendTestMessageInput!) { sendTestMessage(input: $input) { kind statusCode detail reason } }`, { input: { channel: 'EMAIL' } }));
    expect(sent.sendTestMessage).toMatchObject({ kind: 'DELIVERED' });
    expect(mails.filter((text) => text.includes('To: admin@example.com') && text.includes('Subject: Stepwise test message'))).toHaveLength(1);
  });

  it('still refuses a webhook endpoint on a private address', async () => {
    const response = await stepwiseApi(stepwise).attempt(org.admin, 'registerWebhookEndpoint', { url: 'https://10.0.0.5/hook', subscriptions: ['nudge'] });
    expect(errorCode(response)).toBe('VALIDATION_FAILED');
  });
});
