/**
 * Addresses Stepwise stores to send to later must be ones it can send to. An SMTP host that is no
 * host name or IP address ("[", ":", "...", "999.999.999.999"), a webhook or Teams URL on a host no
 * name can have ("a..b", "-") or on port 0, and an email channel address whose domain is no domain
 * (a right-to-left override or a zero-width joiner in it, a label starting with a hyphen) were all
 * accepted: each send then failed as a retryable error ("ERR_INVALID_URL Invalid URL"), retried until
 * it died. Each is now refused with VALIDATION_FAILED naming the field, and nothing changes. An email
 * channel address is kept in the form account emails are (the domain in lower-case ASCII), so the
 * account's own address given with its internationalised domain follows the account as documented.
 * Names are one line: U+2028 and U+2029 are line breaks too.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('addresses that cannot be reached are refused', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'reach', staff: 1 });
  }, 30_000);

  afterAll(() => stepwise?.close());

  const refusal = (response: Awaited<ReturnType<StepwiseApi['attempt']>>) => ({
    code: response.errors?.[0]?.extensions?.code,
    field: (response.errors?.[0]?.extensions?.details as { field?: string } | undefined)?.field,
  });

  it('an SMTP host that is no host name or IP address', async () => {
    const smtp = { port: 2525, secure: false, fromAddress: 'nudges@example.com' };
    await api.mutate(org.admin, 'setSmtpIntegration', { ...smtp, host: 'smtp.example.com' });
    for (const host of ['[', ']', ':', '...', '-', 'a..b', '.a', '[::1', '1.2.3.4.5', '999.999.999.999', 'xn--', '-a-.b', '2130706433', `${'a'.repeat(64)}.com`]) {
      const response = await api.attempt(org.admin, 'setSmtpIntegration', { ...smtp, host });
      expect({ host, ...refusal(response) }).toEqual({ host, code: 'VALIDATION_FAILED', field: 'host' });
    }
    expect((await api.query(org.admin, 'smtpIntegration')).host).toBe('smtp.example.com');
    // Host names, IPv4 and IPv6 addresses are still taken.
    for (const host of ['mail.example.com', 'smtp-1.example.co.uk', '93.184.215.14', '[2606:4700:4700::1111]', '2606:4700:4700::1111', 'mail.example.com.']) {
      const response = await api.attempt(org.admin, 'setSmtpIntegration', { ...smtp, host });
      expect({ host, errors: response.errors }).toEqual({ host, errors: undefined });
    }
  });

  it('a webhook or Teams URL on a host no name can have, or on port 0', async () => {
    for (const url of ['https://a..b/hook', 'https://-/hook', 'https://example.com:0/hook', `https://${'a'.repeat(64)}.com/hook`]) {
      const webhook = await api.attempt(org.admin, 'registerWebhookEndpoint', { url, subscriptions: ['nudge'] });
      expect({ url, ...refusal(webhook) }).toEqual({ url, code: 'VALIDATION_FAILED', field: 'url' });
      const teams = await api.attempt(org.admin, 'setTeamsIntegration', { teamId: org.teamId, webhookUrl: url });
      expect({ url, ...refusal(teams) }).toEqual({ url, code: 'VALIDATION_FAILED', field: 'webhookUrl' });
    }
    expect((await api.query(org.admin, 'webhookEndpoints')).edges).toEqual([]);
  });

  it('an email channel address whose domain is no domain', async () => {
    const memberId = org.staff[0].memberId;
    const before = await api.query(org.admin, 'notificationPreferences', { memberId });
    for (const address of ['a@example.com\u202e', 'a@\u200d.com', 'a@-a.com', 'a@xn--a.com', `a@${'a'.repeat(64)}.com`]) {
      const response = await api.attempt(org.admin, 'updateNotificationPreferences', { memberId, channels: [{ channel: 'EMAIL', address }] });
      expect({ address, ...refusal(response) }).toEqual({ address, code: 'VALIDATION_FAILED', field: 'channels[0].address' });
    }
    expect(await api.query(org.admin, 'notificationPreferences', { memberId })).toEqual(before);
  });

  it("the account's own address, given with its internationalised domain, follows the account", async () => {
    const memberId = org.staff[0].memberId;
    await api.mutate(org.admin, 'changeMemberEmail', { memberId, email: 'Ben@Bücher.DE' });
    const same = await api.mutate(org.admin, 'updateNotificationPreferences', { memberId, channels: [{ channel: 'EMAIL', address: 'Ben@Bücher.de' }] });
    expect(same.preferences.channels).toEqual([{ channel: 'EMAIL', address: null }]);
    const other = await api.mutate(org.admin, 'updateNotificationPreferences', { memberId, channels: [{ channel: 'EMAIL', address: 'Ben@Straße.DE' }] });
    expect(other.preferences.channels).toEqual([{ channel: 'EMAIL', address: 'Ben@xn--strae-oqa.de' }]);
  });

  it('a name with a Unicode line or paragraph separator', async () => {
    const before = (await api.query(org.admin, 'teams')).length;
    for (const name of ['Maths\u2028Year 9', 'Maths\u2029Year 9']) {
      const response = await api.attempt(org.admin, 'createTeam', { name });
      expect({ name, ...refusal(response) }).toEqual({ name, code: 'VALIDATION_FAILED', field: 'name' });
    }
    expect(await api.query(org.admin, 'teams')).toHaveLength(before);
  });
});
