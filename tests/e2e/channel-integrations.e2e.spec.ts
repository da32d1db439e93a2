/**
 * Slack, Teams and SMTP integrations over GraphQL, as an admin manages them: set, replace, clear.
 * Staff can do none of it; bad input is refused naming the field and changes nothing; no token,
 * password or webhook URL is ever answered by a query or stored in plaintext; and the delivery side's
 * directory hands them back unsealed.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { TenantReader } from '@stepwise/database';
import { newWebhookSecret } from '@stepwise/integrations';
import { startTestReceiver, type ReceivedRequest, type TestReceiver } from '@stepwise/integrations/testing';
import { openSecretBox, SqlChannelSettingsDirectory } from '@stepwise/nudges-infrastructure';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person } from './support/stepwise-api';

const TEAM_FIELDS = `teamId slack { configured kind webhookHost updatedAt } teams { configured host updatedAt }`;
const SMTP_FIELDS = `configured host port secure username passwordSet fromAddress fromName updatedAt`;
const OUTCOME = `outcome { version replayed projected }`;
const TEAM_PAYLOAD = `{ integrations { ${TEAM_FIELDS} } ${OUTCOME} }`;
const SMTP_PAYLOAD = `{ smtp { ${SMTP_FIELDS} } ${OUTCOME} }`;

const MUTATIONS = {
  setSlackIntegration: ['SetSlackIntegrationInput', TEAM_PAYLOAD],
  setTeamsIntegration: ['SetTeamsIntegrationInput', TEAM_PAYLOAD],
  clearSlackIntegration: ['TeamIntegrationInput', TEAM_PAYLOAD],
  clearTeamsIntegration: ['TeamIntegrationInput', TEAM_PAYLOAD],
  setSmtpIntegration: ['SetSmtpIntegrationInput', SMTP_PAYLOAD],
  clearSmtpIntegration: ['ClearSmtpIntegrationInput', SMTP_PAYLOAD],
} as const;
type Mutation = keyof typeof MUTATIONS;
type Data = Record<string, Record<string, unknown>>;

const BOT_TOKEN = 'xoxb-1111-2222-SecretBotTokenValue';
const SLACK_HOOK = 'https://hooks.slack.com/services/T000/B000/SecretSlackHookPath';
const TEAMS_URL = 'https://prod-12.westeurope.logic.azure.com/workflows/SecretTeamsWorkflow/triggers/manual/paths/invoke?sig=SecretTeamsSig';
const SMTP_PASSWORD = 'Secret-Smtp-Password-42';
const OTHER_BOT_TOKEN = 'xoxb-3333-4444-OtherBotTokenValue';
const OTHER_SLACK_HOOK = 'https://hooks.slack.com/services/T000/B000/OtherSlackHookPath';
const OTHER_TEAMS_URL = 'https://prod-12.westeurope.logic.azure.com/workflows/OtherTeamsWorkflow/triggers/manual/paths/invoke?sig=OtherTeamsSig';
const OTHER_SMTP_PASSWORD = 'Other-Smtp-Password-43';

/** Whether a received webhook verifies with `secret` (Standard Webhooks: any one of its signatures will do). */
const signedWith = (secret: string, request: ReceivedRequest): boolean => {
  try {
    new Webhook(secret).verify(request.body, { ...request.headers });
    return true;
  } catch {
    return false;
  }
};

describe('channel integrations', () => {
  let stepwise: Stepwise;
  let org: OrgFixture;
  const answers: unknown[] = [];

  const attempt = (as: Person, name: Mutation, input: Record<string, unknown>): Promise<GraphqlResponse<Data>> => {
    const [type, selection] = MUTATIONS[name];
    return stepwise.graphql<Data>({
      query: `mutation ($input: ${type}!) { ${name}(input: $input) ${selection} }`,
      variables: { input },
      token: as.token,
      organisationId: as.organisationId,
    });
  };
  const mutate = async (as: Person, name: Mutation, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const response = await attempt(as, name, input);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    answers.push(response.data);
    return response.data![name];
  };
  const queryTeam = (as: Person, teamId: string) =>
    stepwise.graphql<Data>({ query: `query ($teamId: ID!) { teamIntegrations(teamId: $teamId) { ${TEAM_FIELDS} } }`, variables: { teamId }, token: as.token, organisationId: as.organisationId });
  const querySmtp = (as: Person) => stepwise.graphql<Data>({ query: `{ smtpIntegration { ${SMTP_FIELDS} } }`, token: as.token, organisationId: as.organisationId });
  const teamNow = async () => {
    const response = await queryTeam(org.admin, org.teamId);
    answers.push(response);
    return response.data!.teamIntegrations;
  };
  const detailsOf = (response: GraphqlResponse<Data>) => ({ code: errorCode(response), ...(response.errors?.[0]?.extensions?.details as object) });

  beforeAll(async () => {
    stepwise = await startStepwise();
    org = await buildOrg(stepwiseApi(stepwise), { label: 'channels' });
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('staff may neither read nor change integrations, and bad input is refused naming the field; nothing is written', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    const { teamId } = org;
    expect(errorCode(await queryTeam(org.leader, teamId))).toBe('FORBIDDEN');
    expect(errorCode(await querySmtp(org.staff[0]))).toBe('FORBIDDEN');
    expect(errorCode(await attempt(org.leader, 'setSlackIntegration', { teamId, botToken: BOT_TOKEN }))).toBe('FORBIDDEN');
    // A non-admin learns nothing of the input's validity, nor whether a team exists.
    for (const [name, input] of [
      ['setSlackIntegration', { teamId: 'no-such-team', botToken: 'xoxp-user-token' }],
      ['setTeamsIntegration', { teamId: 'no-such-team', webhookUrl: 'https://127.0.0.1/workflows/x' }],
      ['setSmtpIntegration', { host: '10.0.0.25', port: 70_000, secure: false, fromAddress: 'not an address' }],
      ['clearSlackIntegration', { teamId: 'no-such-team' }],
    ] as [Mutation, Record<string, unknown>][]) {
      expect({ name, code: errorCode(await attempt(org.leader, name, input)) }).toEqual({ name, code: 'FORBIDDEN' });
    }
    expect(errorCode(await attempt(org.staff[0], 'setSmtpIntegration', { host: 'smtp.example.com', port: 587, secure: false, fromAddress: 'a@example.com' }))).toBe('FORBIDDEN');

    const smtp = { host: 'smtp.example.com', port: 587, secure: false, fromAddress: 'nudges@example.com' };
    const cases: [Mutation, Record<string, unknown>, string, string][] = [
      ['setSlackIntegration', { teamId, botToken: 'xoxp-user-token' }, 'botToken', 'INVALID_FORMAT'],
      ['setSlackIntegration', { teamId, webhookUrl: 'https://hooks.example.com/services/x' }, 'webhookUrl', 'NOT_A_SLACK_WEBHOOK'],
      ['setSlackIntegration', { teamId, webhookUrl: 'http://hooks.slack.com/services/x' }, 'webhookUrl', 'HTTPS_REQUIRED'],
      ['setSlackIntegration', { teamId, webhookUrl: `${SLACK_HOOK} x` }, 'webhookUrl', 'INVALID_FORMAT'],
      ['setSlackIntegration', { teamId, webhookUrl: `${SLACK_HOOK}\t` }, 'webhookUrl', 'INVALID_FORMAT'],
      ['setSlackIntegration', { teamId }, 'botToken', 'REQUIRED'],
      ['setSlackIntegration', { teamId, botToken: BOT_TOKEN, webhookUrl: SLACK_HOOK }, 'webhookUrl', 'NOT_APPLICABLE'],
      ['setTeamsIntegration', { teamId, webhookUrl: 'https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def' }, 'webhookUrl', 'RETIRED_OFFICE365_CONNECTOR'],
      ['setTeamsIntegration', { teamId, webhookUrl: 'http://prod-1.logic.azure.com/workflows/x' }, 'webhookUrl', 'HTTPS_REQUIRED'],
      ['setTeamsIntegration', { teamId, webhookUrl: 'https://127.0.0.1:8443/workflows/x' }, 'webhookUrl', 'PRIVATE_ADDRESS'],
      ['setTeamsIntegration', { teamId, webhookUrl: 'https://[fd00::1]/workflows/x' }, 'webhookUrl', 'PRIVATE_ADDRESS'],
      ['setTeamsIntegration', { teamId, webhookUrl: `${TEAMS_URL} x` }, 'webhookUrl', 'INVALID_URL'],
      ['setTeamsIntegration', { teamId, webhookUrl: `${TEAMS_URL}\t` }, 'webhookUrl', 'INVALID_URL'],
      ['setSmtpIntegration', { ...smtp, host: '10.0.0.25' }, 'host', 'PRIVATE_ADDRESS'],
      ['setSmtpIntegration', { ...smtp, host: 'localhost' }, 'host', 'PRIVATE_ADDRESS'],
      ['setSmtpIntegration', { ...smtp, host: '127.0.0.1.' }, 'host', 'PRIVATE_ADDRESS'],
      ['setSmtpIntegration', { ...smtp, host: 'localhost.' }, 'host', 'PRIVATE_ADDRESS'],
      ['setSmtpIntegration', { ...smtp, port: 70_000 }, 'port', 'OUT_OF_RANGE'],
      ['setSmtpIntegration', { ...smtp, fromAddress: 'not an address' }, 'fromAddress', 'INVALID_FORMAT'],
      ['setSmtpIntegration', { ...smtp, host: 'smtp://smtp.example.com' }, 'host', 'INVALID_FORMAT'],
      ['setSmtpIntegration', { ...smtp, password: SMTP_PASSWORD }, 'username', 'REQUIRED'],
    ];
    for (const [name, input, field, reason] of cases) {
      expect({ name, ...detailsOf(await attempt(org.admin, name, input)) }).toMatchObject({ name, code: 'VALIDATION_FAILED', field, reason });
    }
    expect(errorCode(await attempt(org.admin, 'setSlackIntegration', { teamId: 'no-such-team', botToken: BOT_TOKEN }))).toBe('TEAM_NOT_FOUND');
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await teamNow()).toMatchObject({ slack: { configured: false, kind: null }, teams: { configured: false, host: null } });
  });

  it('sets, replaces and clears a team’s Slack and Teams integrations, showing only their kind and host', async () => {
    const { teamId } = org;
    const bot = await mutate(org.admin, 'setSlackIntegration', { teamId, botToken: BOT_TOKEN });
    expect(bot.integrations).toMatchObject({ teamId, slack: { configured: true, kind: 'BOT_TOKEN', webhookHost: null } });
    const hook = await mutate(org.admin, 'setSlackIntegration', { teamId, webhookUrl: SLACK_HOOK });
    expect(hook.integrations).toMatchObject({ slack: { configured: true, kind: 'INCOMING_WEBHOOK', webhookHost: 'hooks.slack.com' } });
    const teams = await mutate(org.admin, 'setTeamsIntegration', { teamId, webhookUrl: TEAMS_URL });
    expect(teams.integrations).toMatchObject({ slack: { kind: 'INCOMING_WEBHOOK' }, teams: { configured: true, host: 'prod-12.westeurope.logic.azure.com' } });

    const reader = new TenantReader(stepwise.runtime.database);
    const directory = new SqlChannelSettingsDirectory(reader, await openSecretBox(stepwise.runtime.config.secrets));
    expect(await directory.teamChannels(org.organisationId, teamId)).toEqual({ slack: { kind: 'incoming-webhook', url: SLACK_HOOK }, teams: { url: TEAMS_URL } });

    const cleared = await mutate(org.admin, 'clearSlackIntegration', { teamId });
    expect(cleared.integrations).toMatchObject({ slack: { configured: false, kind: null }, teams: { configured: true } });
    const again = await mutate(org.admin, 'clearSlackIntegration', { teamId });
    expect((again.outcome as { version: number }).version).toBe((cleared.outcome as { version: number }).version);
    await mutate(org.admin, 'setSlackIntegration', { teamId, botToken: BOT_TOKEN });
    expect(await directory.teamChannels(org.organisationId, teamId)).toEqual({ slack: { kind: 'bot', token: BOT_TOKEN }, teams: { url: TEAMS_URL } });
    await mutate(org.admin, 'clearTeamsIntegration', { teamId });
    expect(await teamNow()).toMatchObject({ slack: { configured: true, kind: 'BOT_TOKEN' }, teams: { configured: false } });
  });

  it('sets the organisation’s SMTP server; the password is kept when omitted, removed with null, never shown', async () => {
    const settings = { host: 'smtp.example.com', port: 2525, secure: false, username: 'stepwise', fromAddress: 'nudges@example.com', fromName: 'Stepwise' };
    const set = await mutate(org.admin, 'setSmtpIntegration', { ...settings, password: SMTP_PASSWORD });
    expect(set.smtp).toMatchObject({ configured: true, ...settings, passwordSet: true });
    const moved = await mutate(org.admin, 'setSmtpIntegration', { ...settings, port: 2526 });
    expect(moved.smtp).toMatchObject({ port: 2526, passwordSet: true });

    const directory = new SqlChannelSettingsDirectory(new TenantReader(stepwise.runtime.database), await openSecretBox(stepwise.runtime.config.secrets));
    expect(await directory.organisationSmtp(org.organisationId)).toEqual({
      host: 'smtp.example.com',
      port: 2526,
      secure: false,
      auth: { user: 'stepwise', pass: SMTP_PASSWORD },
      from: { address: 'nudges@example.com', name: 'Stepwise' },
    });
    const answered = await querySmtp(org.admin);
    answers.push(answered);
    expect(answered.data!.smtpIntegration).toMatchObject({ configured: true, passwordSet: true });

    const without = await mutate(org.admin, 'setSmtpIntegration', { ...settings, password: null });
    expect(without.smtp).toMatchObject({ passwordSet: false });
    const cleared = await mutate(org.admin, 'clearSmtpIntegration', {});
    expect(cleared.smtp).toMatchObject({ configured: false, host: null, passwordSet: false });
    expect(await directory.organisationSmtp(org.organisationId)).toBeNull();
  });

  it('refuses a clientMutationId sent again with another token, URL or password (IDEMPOTENCY_KEY_REUSED), keeping the first; the same input again is replayed', async () => {
    const { teamId } = org;
    const directory = new SqlChannelSettingsDirectory(new TenantReader(stepwise.runtime.database), await openSecretBox(stepwise.runtime.config.secrets));
    const replayedOf = async (name: Mutation, input: Record<string, unknown>) => ((await mutate(org.admin, name, input)).outcome as { replayed: boolean }).replayed;
    /** The first input is applied; the key with only the secret changed is refused and writes nothing; the first input again is replayed. */
    const onceOnly = async (name: Mutation, first: Record<string, unknown>, other: Record<string, unknown>) => {
      expect(await replayedOf(name, first)).toBe(false);
      const head = await stepwise.runtime.eventStore.logHead();
      expect({ name, code: errorCode(await attempt(org.admin, name, other)) }).toEqual({ name, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
      expect(await replayedOf(name, first)).toBe(true);
    };

    await onceOnly('setSlackIntegration', { teamId, botToken: BOT_TOKEN, clientMutationId: 'slack-bot-once' }, { teamId, botToken: OTHER_BOT_TOKEN, clientMutationId: 'slack-bot-once' });
    expect((await directory.teamChannels(org.organisationId, teamId))?.slack).toEqual({ kind: 'bot', token: BOT_TOKEN });
    await onceOnly('setSlackIntegration', { teamId, webhookUrl: SLACK_HOOK, clientMutationId: 'slack-hook-once' }, { teamId, webhookUrl: OTHER_SLACK_HOOK, clientMutationId: 'slack-hook-once' });
    expect((await directory.teamChannels(org.organisationId, teamId))?.slack).toEqual({ kind: 'incoming-webhook', url: SLACK_HOOK });
    await onceOnly('setTeamsIntegration', { teamId, webhookUrl: TEAMS_URL, clientMutationId: 'teams-once' }, { teamId, webhookUrl: OTHER_TEAMS_URL, clientMutationId: 'teams-once' });
    expect((await directory.teamChannels(org.organisationId, teamId))?.teams).toEqual({ url: TEAMS_URL });

    const smtp = { host: 'smtp.example.com', port: 587, secure: false, username: 'stepwise', fromAddress: 'nudges@example.com', clientMutationId: 'smtp-once' };
    await onceOnly('setSmtpIntegration', { ...smtp, password: SMTP_PASSWORD }, { ...smtp, password: OTHER_SMTP_PASSWORD });
    expect((await directory.organisationSmtp(org.organisationId))?.auth).toEqual({ user: 'stepwise', pass: SMTP_PASSWORD });
    // A password given where the first left it as it was is other input too.
    expect(errorCode(await attempt(org.admin, 'setSmtpIntegration', { ...smtp, clientMutationId: 'smtp-kept', password: undefined }))).toBeUndefined();
    expect(errorCode(await attempt(org.admin, 'setSmtpIntegration', { ...smtp, clientMutationId: 'smtp-kept', password: OTHER_SMTP_PASSWORD }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await directory.organisationSmtp(org.organisationId))?.auth).toEqual({ user: 'stepwise', pass: SMTP_PASSWORD });
  });

  it('never answers a token, password or webhook URL, nor stores one in plaintext in the events or the read tables', async () => {
    await mutate(org.admin, 'setSlackIntegration', { teamId: org.teamId, webhookUrl: SLACK_HOOK });
    await mutate(org.admin, 'setTeamsIntegration', { teamId: org.teamId, webhookUrl: TEAMS_URL });
    await mutate(org.admin, 'setSmtpIntegration', { host: 'smtp.example.com', port: 465, secure: true, username: 'u', password: SMTP_PASSWORD, fromAddress: 'n@example.com' });
    const answered = JSON.stringify(answers);
    const query = async (sql: string) => (await stepwise.runtime.database.query<{ row: string }>(sql, [org.organisationId])).rows.map((row) => row.row);
    const stored = [
      ...(await query(`SELECT row_to_json(e)::text AS row FROM es_events e WHERE tenant_id = $1`)),
      ...(await query(`SELECT row_to_json(t)::text AS row FROM team_channel_integrations t WHERE tenant_id = $1`)),
      ...(await query(`SELECT row_to_json(s)::text AS row FROM organisation_smtp_integrations s WHERE tenant_id = $1`)),
    ].join('\n');
    expect(stored).toContain('TeamSlackIntegrationSet');
    expect(stored).toContain('sb1.');
    for (const secret of ['SecretBotTokenValue', 'SecretSlackHookPath', 'SecretTeamsWorkflow', 'SecretTeamsSig', SMTP_PASSWORD, 'OtherBotTokenValue', 'OtherSlackHookPath', 'OtherTeamsWorkflow', 'OtherTeamsSig', OTHER_SMTP_PASSWORD]) {
      expect(answered).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });
});

/**
 * sendTestMessage through the real senders to local receivers: a Slack incoming webhook and a Teams
 * Workflows URL (local HTTP servers), a webhook endpoint (signed), and email over a local SMTP server.
 * The deployment here allows plain http and private addresses, as local development does.
 */
describe('sending a test message', () => {
  let stepwise: Stepwise;
  let org: OrgFixture;
  let http: TestReceiver;
  let smtp: SMTPServer;
  const mails: string[] = [];
  const status = { code: 200 };

  const gql = (as: Person, query: string, variables: Record<string, unknown>) =>
    stepwise.graphql<Data>({ query, variables, token: as.token, organisationId: as.organisationId });
  const sendTest = (as: Person, input: Record<string, unknown>) =>
    gql(as, `mutation ($input: SendTestMessageInput!) { sendTestMessage(input: $input) { kind statusCode detail reason } }`, { input });
  const must = async (response: Promise<GraphqlResponse<Data>>): Promise<Data> => {
    const answered = await response;
    if (answered.errors) throw new Error(JSON.stringify(answered.errors));
    return answered.data!;
  };

  beforeAll(async () => {
    http = await startTestReceiver(() => ({ status: status.code, body: status.code === 200 ? 'ok' : 'no_service' }));
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
    // The send timeout deliveries have (STEPWISE_NUDGE_SEND_TIMEOUT_MS): test messages keep it too.
    stepwise = await startStepwise({ env: { STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true', STEPWISE_NUDGE_SEND_TIMEOUT_MS: '3000' } });
    org = await buildOrg(stepwiseApi(stepwise), { label: 'test-message' });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
    await http?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('is for admins, and names what is missing when a channel is not configured', async () => {
    expect(errorCode(await sendTest(org.leader, { channel: 'TEAMS', teamId: org.teamId }))).toBe('FORBIDDEN');
    const missing = await sendTest(org.admin, { channel: 'SLACK', teamId: org.teamId });
    expect({ code: errorCode(missing), ...(missing.errors?.[0]?.extensions?.details as object) }).toMatchObject({ code: 'INTEGRATION_NOT_CONFIGURED', field: 'teamId' });
    expect(errorCode(await sendTest(org.admin, { channel: 'WEBHOOK', endpointId: 'no-such-endpoint' }))).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    expect(errorCode(await sendTest(org.admin, { channel: 'TEAMS' }))).toBe('VALIDATION_FAILED');
  });

  it('posts to a team’s Slack incoming webhook and Teams Workflows URL, and reports the receiver’s answer', async () => {
    const setSlack = `mutation ($input: SetSlackIntegrationInput!) { setSlackIntegration(input: $input) { outcome { version } } }`;
    const setTeams = `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`;
    await must(gql(org.admin, setSlack, { input: { teamId: org.teamId, webhookUrl: `${http.url}/services/T1/B1/slack-hook` } }));
    await must(gql(org.admin, setTeams, { input: { teamId: org.teamId, webhookUrl: `${http.url}/workflows/teams-flow` } }));

    const slack = await must(sendTest(org.admin, { channel: 'SLACK', teamId: org.teamId }));
    expect(slack.sendTestMessage).toMatchObject({ kind: 'DELIVERED', statusCode: 200, reason: null });
    const slackRequest = http.requests.find((request) => request.path === '/services/T1/B1/slack-hook');
    expect(slackRequest?.body).toContain('Stepwise test message');

    const teams = await must(sendTest(org.admin, { channel: 'TEAMS', teamId: org.teamId }));
    expect(teams.sendTestMessage).toMatchObject({ kind: 'DELIVERED', statusCode: 200 });
    expect(http.requests.find((request) => request.path === '/workflows/teams-flow')?.body).toContain('AdaptiveCard');

    status.code = 404;
    const refused = await must(sendTest(org.admin, { channel: 'SLACK', teamId: org.teamId }));
    // The receiver answered: its status says why, there is no reason code.
    expect(refused.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: 404, reason: null });
    status.code = 200;
  });

  it('says as a code why no answer came back: CONNECTION_FAILED where nothing listens', async () => {
    const closed = await startTestReceiver(() => ({ status: 200, body: 'ok' }));
    const url = `${closed.url}/workflows/gone`;
    await closed.close();
    const setTeams = `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`;
    await must(gql(org.admin, setTeams, { input: { teamId: org.teamId, webhookUrl: url } }));
    const sent = await must(sendTest(org.admin, { channel: 'TEAMS', teamId: org.teamId }));
    expect(sent.sendTestMessage).toMatchObject({ kind: 'RETRYABLE', statusCode: null, reason: 'CONNECTION_FAILED' });
    await must(gql(org.admin, setTeams, { input: { teamId: org.teamId, webhookUrl: `${http.url}/workflows/teams-flow` } }));
  });

  it('gives up on a receiver that never answers after the send timeout deliveries have: TIMEOUT', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const setTeams = `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`;
      await must(gql(org.admin, setTeams, { input: { teamId: org.teamId, webhookUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/workflows/silent` } }));
      const sent = await must(sendTest(org.admin, { channel: 'TEAMS', teamId: org.teamId }));
      expect(sent.sendTestMessage).toMatchObject({ kind: 'RETRYABLE', statusCode: null, reason: 'TIMEOUT' });
      expect(sent.sendTestMessage.detail).toContain('within 3000 ms');
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      const setTeams = `mutation ($input: SetTeamsIntegrationInput!) { setTeamsIntegration(input: $input) { outcome { version } } }`;
      await must(gql(org.admin, setTeams, { input: { teamId: org.teamId, webhookUrl: `${http.url}/workflows/teams-flow` } }));
    }
  });

  it('signs a test payload to a webhook endpoint', async () => {
    const register = await must(
      gql(org.admin, `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpointId } }`, {
        input: { url: `${http.url}/hooks/crm`, subscriptions: ['nudge'] },
      }),
    );
    const endpointId = register.registerWebhookEndpoint.endpointId;
    const sent = await must(sendTest(org.admin, { channel: 'WEBHOOK', endpointId }));
    expect(sent.sendTestMessage).toMatchObject({ kind: 'DELIVERED', statusCode: 200 });
    const request = http.requests.find((received) => received.path === '/hooks/crm');
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'test', data: { title: 'Stepwise test message' } });
    expect(request!.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('signs a test message to a webhook endpoint as its deliveries are, with each valid secret during a rotation', async () => {
    const api = stepwiseApi(stepwise);
    const [replaced, current] = [newWebhookSecret(), newWebhookSecret()];
    // A receiver checking signatures with the secret it holds: the replaced one until it switches.
    const holding = { secret: replaced };
    const receiver = await startTestReceiver((request) => ({ status: signedWith(holding.secret, request) ? 200 : 401 }));
    try {
      const { endpointId } = await api.mutate(org.admin, 'registerWebhookEndpoint', { url: `${receiver.url}/hooks/rotating`, subscriptions: ['nudge'], secret: replaced });
      await api.mutate(org.admin, 'rotateWebhookSecret', { endpointId, secret: current });

      const rotating = await must(sendTest(org.admin, { channel: 'WEBHOOK', endpointId }));
      expect(rotating.sendTestMessage).toMatchObject({ kind: 'DELIVERED', statusCode: 200 });
      const [signed] = receiver.requests;
      expect(signed.headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect([signedWith(replaced, signed), signedWith(current, signed)]).toEqual([true, true]);

      // The grace period ended: the current secret alone signs, as it does deliveries, and a receiver that never switched refuses it.
      await api.mutate(org.admin, 'expirePreviousWebhookSecret', { endpointId });
      const expired = await must(sendTest(org.admin, { channel: 'WEBHOOK', endpointId }));
      expect(expired.sendTestMessage).toMatchObject({ kind: 'PERMANENT', statusCode: 401 });
      expect(receiver.requests[1].headers['webhook-signature'].split(' ')).toHaveLength(1);
      holding.secret = current;
      expect((await must(sendTest(org.admin, { channel: 'WEBHOOK', endpointId }))).sendTestMessage).toMatchObject({ kind: 'DELIVERED', statusCode: 200 });
    } finally {
      await receiver.close();
    }
  });

  it('emails the member through the organisation’s SMTP server', async () => {
    const me = org.admin;
    expect(errorCode(await sendTest(me, { channel: 'EMAIL', memberId: 'no-such-member' }))).toBe('MEMBER_NOT_FOUND');
    await stepwiseApi(stepwise).mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels: [{ channel: 'EMAIL', address: 'admin@example.com' }] });
    // Neither the organisation nor the deployment has an SMTP server: nowhere to send it, a coded error, nothing sent.
    const nowhere = await sendTest(me, { channel: 'EMAIL' });
    expect({ code: errorCode(nowhere), details: nowhere.errors?.[0]?.extensions?.details }).toEqual({ code: 'INTEGRATION_NOT_CONFIGURED', details: { field: 'channel' } });
    const port = (smtp.server.address() as AddressInfo).port;
    await must(
      gql(me, `mutation ($input: SetSmtpIntegrationInput!) { setSmtpIntegration(input: $input) { outcome { version } } }`, {
        input: { host: '127.0.0.1', port, secure: false, fromAddress: 'nudges@example.com', fromName: 'Stepwise' },
      }),
    );
    const sent = await must(sendTest(me, { channel: 'EMAIL' }));
    expect(sent.sendTestMessage).toMatchObject({ kind: 'DELIVERED' });
    expect(mails.some((mail) => mail.includes('admin@example.com') && mail.includes('Stepwise test message'))).toBe(true);
  });

  it('never sends the organisation’s SMTP password without TLS: a server that does not offer STARTTLS is answered PERMANENT, TLS_REQUIRED', async () => {
    const me = org.admin;
    const auths: string[] = [];
    const plaintextOnly = new SMTPServer({
      authOptional: true,
      hideSTARTTLS: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        auths.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    // A sender hanging up mid-transaction (ECONNRESET, EPIPE) is its own affair, as for any mail server.
    plaintextOnly.on('error', () => undefined);
    await new Promise<void>((resolve) => plaintextOnly.listen(0, '127.0.0.1', resolve));
    try {
      await stepwiseApi(stepwise).mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels: [{ channel: 'EMAIL', address: 'admin@example.com' }] });
      const port = (plaintextOnly.server.address() as AddressInfo).port;
      const setSmtp = `mutation ($input: SetSmtpIntegrationInput!) { setSmtpIntegration(input: $input) { outcome { version } } }`;
      const input = { host: '127.0.0.1', port, secure: false, username: 'stepwise', fromAddress: 'nudges@example.com' };
      await must(gql(me, setSmtp, { input: { ...input, password: SMTP_PASSWORD } }));

      const sent = await must(sendTest(me, { channel: 'EMAIL' }));
      expect(sent.sendTestMessage).toMatchObject({ kind: 'PERMANENT', reason: 'TLS_REQUIRED', detail: expect.stringMatching(/TLS is required.*did not offer STARTTLS/) });
      expect(JSON.stringify(sent)).not.toContain(SMTP_PASSWORD);
      expect(auths).toEqual([]);

      // Without a password there is nothing to protect: the same server takes the message as before.
      await must(gql(me, setSmtp, { input: { ...input, password: null } }));
      expect((await must(sendTest(me, { channel: 'EMAIL' }))).sendTestMessage).toMatchObject({ kind: 'DELIVERED' });
      expect(auths).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => plaintextOnly.close(() => resolve()));
    }
  });
});
