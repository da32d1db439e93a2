import { deciderSpec } from '@stepwise/kernel/testing';
import type { MemberActor } from '../settings/member-actor';
import type { ChannelIntegrationCommand } from './channel-integration.commands';
import { channelIntegrationDecider } from './channel-integration.decider';
import type { ChannelIntegrationEvent } from './channel-integration.events';
import { validSlackBotToken, validSlackWebhookUrl } from './channel-integration.validation';

const given = deciderSpec(channelIntegrationDecider);
const NOW = new Date('2026-03-02T09:00:00.000Z');
const AT = NOW.toISOString();
const ADA: MemberActor = { memberId: 'mem-ada', orgRole: 'ADMIN' };
const BEN: MemberActor = { memberId: 'mem-ben', orgRole: 'MEMBER' };
const team = { organisationId: 'org-1', teamId: 'team-1' };

type Of<Type extends ChannelIntegrationCommand['type']> = Extract<ChannelIntegrationCommand, { type: Type }>;
const command = <Type extends ChannelIntegrationCommand['type']>(type: Type, data: Record<string, unknown>, actor: MemberActor = ADA): Of<Type> =>
  ({ type, data: { organisationId: 'org-1', ...data }, metadata: { now: NOW, actor } }) as Of<Type>;

const slackSet: ChannelIntegrationEvent = {
  type: 'TeamSlackIntegrationSet',
  data: { ...team, kind: 'BOT_TOKEN', sealedSecret: 'sealed-token', webhookHost: null, setBy: 'mem-ada', at: AT },
};
const smtp = { host: 'smtp.example.com', port: 587, secure: false, username: 'stepwise', fromAddress: 'nudges@example.com', fromName: 'Stepwise' };
const smtpSet = (sealedPassword: string | null): ChannelIntegrationEvent => ({
  type: 'OrganisationSmtpIntegrationSet',
  data: { organisationId: 'org-1', ...smtp, sealedPassword, setBy: 'mem-ada', at: AT },
});

describe('channel integrations', () => {
  it('an admin sets a team’s Slack bot token, sealed; the host is kept only for a webhook', () => {
    given([]).when(command('SetTeamSlackIntegration', { ...team, kind: 'BOT_TOKEN', sealedSecret: 'sealed-token', webhookHost: 'ignored' })).then([slackSet]);
  });

  it('only an admin may set or clear anything', () => {
    given([]).when(command('SetTeamSlackIntegration', { ...team, kind: 'BOT_TOKEN', sealedSecret: 's', webhookHost: null }, BEN)).thenThrows('FORBIDDEN');
    given([slackSet]).when(command('ClearTeamSlackIntegration', team, BEN)).thenThrows('FORBIDDEN');
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp }, BEN)).thenThrows('FORBIDDEN');
  });

  it('clearing what is set records it; clearing what is not changes nothing', () => {
    given([slackSet]).when(command('ClearTeamSlackIntegration', team)).then([{ type: 'TeamSlackIntegrationCleared', data: { ...team, clearedBy: 'mem-ada', at: AT } }]);
    given([]).when(command('ClearTeamSlackIntegration', team)).then([]);
    given([]).when(command('ClearTeamTeamsIntegration', team)).then([]);
    given([]).when(command('ClearOrganisationSmtpIntegration', {})).then([]);
  });

  it('an SMTP change without a password keeps the sealed one; null removes it', () => {
    given([smtpSet('sealed-pass')]).when(command('SetOrganisationSmtpIntegration', { ...smtp })).then([smtpSet('sealed-pass')]);
    given([smtpSet('sealed-pass')]).when(command('SetOrganisationSmtpIntegration', { ...smtp, sealedPassword: null })).then([smtpSet(null)]);
  });

  it('keeps the sealed password only for the host it was given for: another host needs it again', () => {
    // Kept, the password would be sent in the AUTH command to whatever server the new host names, so
    // an admin could read it there although it is never answered.
    given([smtpSet('sealed-pass')]).when(command('SetOrganisationSmtpIntegration', { ...smtp, host: 'mail.elsewhere.example' })).thenThrows('VALIDATION_FAILED', { field: 'password', reason: 'REQUIRED' });
    given([smtpSet('sealed-pass')])
      .when(command('SetOrganisationSmtpIntegration', { ...smtp, host: 'mail.elsewhere.example', sealedPassword: 'sealed-new' }))
      .then([{ ...smtpSet('sealed-new'), data: { ...smtpSet('sealed-new').data, host: 'mail.elsewhere.example' } } as ChannelIntegrationEvent]);
    given([smtpSet('sealed-pass')])
      .when(command('SetOrganisationSmtpIntegration', { ...smtp, host: 'mail.elsewhere.example', sealedPassword: null }))
      .then([{ ...smtpSet(null), data: { ...smtpSet(null).data, host: 'mail.elsewhere.example' } } as ChannelIntegrationEvent]);
    // The same host however it is spelt, another port on it, or no password to keep: as before.
    given([smtpSet('sealed-pass')]).when(command('SetOrganisationSmtpIntegration', { ...smtp, host: 'SMTP.Example.com' })).then([
      { ...smtpSet('sealed-pass'), data: { ...smtpSet('sealed-pass').data, host: 'SMTP.Example.com' } } as ChannelIntegrationEvent,
    ]);
    given([smtpSet('sealed-pass')]).when(command('SetOrganisationSmtpIntegration', { ...smtp, port: 2525 })).then([
      { ...smtpSet('sealed-pass'), data: { ...smtpSet('sealed-pass').data, port: 2525 } } as ChannelIntegrationEvent,
    ]);
    given([smtpSet(null)]).when(command('SetOrganisationSmtpIntegration', { ...smtp, host: 'mail.elsewhere.example' })).then([
      { ...smtpSet(null), data: { ...smtpSet(null).data, host: 'mail.elsewhere.example' } } as ChannelIntegrationEvent,
    ]);
  });

  it('refuses SMTP settings naming the field', () => {
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, port: 0 })).thenThrows('VALIDATION_FAILED', { field: 'port' });
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, fromAddress: 'nobody' })).thenThrows('VALIDATION_FAILED', { field: 'fromAddress' });
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, fromAddress: 'a..b@example.com' })).thenThrows('VALIDATION_FAILED', { field: 'fromAddress', reason: 'INVALID_FORMAT' });
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, fromName: 'Two\nlines' })).thenThrows('VALIDATION_FAILED', { field: 'fromName' });
    // A sender's domain nothing is delivered from: a right-to-left override, a zero-width joiner, a leading hyphen, bad punycode.
    for (const fromAddress of ['a@example.com\u202e', 'a@\u200d.com', 'a@-a.com', 'a@xn--a.com', '   ']) {
      given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, fromAddress })).thenThrows('VALIDATION_FAILED', { field: 'fromAddress' });
    }
    // A bell, a Unicode line separator or NEL in the From header's display name.
    for (const fromName of ['Ring\u0007', 'Two\u2028lines', 'Next\u0085line']) {
      given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, fromName })).thenThrows('VALIDATION_FAILED', { field: 'fromName', reason: 'INVALID_FORMAT' });
    }
    // A line break in the username would end the SMTP AUTH line it is sent on.
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, username: 'u\r\nX' })).thenThrows('VALIDATION_FAILED', { field: 'username', reason: 'INVALID_FORMAT' });
    given([]).when(command('SetOrganisationSmtpIntegration', { ...smtp, username: null, sealedPassword: 'sealed' })).thenThrows('VALIDATION_FAILED', { field: 'username' });
  });
});

describe('Slack field checks', () => {
  it('accepts a bot token and a hooks.slack.com URL; other hosts only where the deployment allows', () => {
    expect(validSlackBotToken('botToken', ' xoxb-1-abc ')).toBe('xoxb-1-abc');
    expect(() => validSlackBotToken('botToken', 'xoxp-1-abc')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(validSlackWebhookUrl('webhookUrl', 'https://hooks.slack.com/services/T/B/x', { allowAnyHost: false }).host).toBe('hooks.slack.com');
    expect(() => validSlackWebhookUrl('webhookUrl', 'https://evil.example.com/x', { allowAnyHost: false })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'webhookUrl', reason: 'NOT_A_SLACK_WEBHOOK' }) }),
    );
    expect(validSlackWebhookUrl('webhookUrl', 'http://127.0.0.1:9000/hook', { allowAnyHost: true }).port).toBe('9000');
    // GovSlack's incoming webhooks, a host written in capitals or with its root dot, and a written-out :443 are Slack's too; another port is not.
    for (const govOrSpelled of ['https://hooks.slack-gov.com/services/T/B/x', 'https://HOOKS.SLACK.COM./services/T/B/x', 'https://hooks.slack.com:443/services/T/B/x']) {
      expect(validSlackWebhookUrl('webhookUrl', govOrSpelled, { allowAnyHost: false }).protocol).toBe('https:');
    }
    expect(() => validSlackWebhookUrl('webhookUrl', 'https://hooks.slack.com:8443/services/T/B/x', { allowAnyHost: false })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'webhookUrl', reason: 'NOT_A_SLACK_WEBHOOK' }) }),
    );
  });

  it.each([
    ['a space in it', 'https://hooks.slack.com/services/T/B/x y'],
    ['a trailing tab', 'https://hooks.slack.com/services/T/B/x\t'],
    ['a line break in its host', 'https://hooks.sla\nck.com/services/T/B/x'],
    ['a control character', 'https://hooks.slack.com/services/T/B/\u0007x'],
  ])('refuses an incoming webhook URL with %s (a parser would encode or drop it): INVALID_FORMAT naming the field', (_case, url) => {
    for (const allowAnyHost of [false, true]) {
      expect(() => validSlackWebhookUrl('webhookUrl', url, { allowAnyHost })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'webhookUrl', reason: 'INVALID_FORMAT' }) }),
      );
    }
  });

  it('lets spaces around an incoming webhook URL be', () => {
    expect(validSlackWebhookUrl('webhookUrl', ' https://hooks.slack.com/services/T/B/x ', { allowAnyHost: false }).href).toBe('https://hooks.slack.com/services/T/B/x');
  });
});
