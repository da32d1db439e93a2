import type { OwedNudge } from '@stepwise/nudges-domain';
import type { MemberChannelSender, MemberChannelSenders, MemberReach } from './delivery.ports';
import { attemptDetail, chooseMemberChannel } from './member-channel.choice';

const member = (channels: MemberReach['channels'], email: string | null = 'ada@example.test'): MemberReach => ({
  active: true,
  displayName: 'Ada',
  email,
  timezone: 'Europe/London',
  quietHours: null,
  channels,
  optedOut: [],
  dailyCap: 3,
});

const nudge = { nudgeId: 'n-1', rule: 'REFLECT', subject: { journeyId: 'j-1', teamId: 'team-1', subjectId: 's-1' } } as OwedNudge;

/** A channel that takes the nudge where the member gave an address (or `fallback`), and is configured unless `unconfigured`. */
const channel = (name: string, options: { unconfigured?: string; fallback?: (member: MemberReach) => string | null } = {}): MemberChannelSender => ({
  route: async ({ address, member: reach }) => {
    if (options.unconfigured) return { unavailable: options.unconfigured };
    const to = address ?? options.fallback?.(reach) ?? null;
    if (!to) return { unavailable: `no ${name} address` };
    return { address: `${name} ${to}`, send: async () => ({ kind: 'delivered', statusCode: 200, detail: null }) };
  },
});

const choose = (reach: MemberReach, senders: MemberChannelSenders) => chooseMemberChannel({ tenantId: 't-1', memberId: 'm-1', nudge, member: reach }, senders);
const summary = async (reach: MemberReach, senders: MemberChannelSenders) => {
  const chosen = await choose(reach, senders);
  return { channel: chosen.channel, address: chosen.address, passedOver: chosen.passedOver };
};

describe('the channel a nudge reaches its member on', () => {
  const ada = member([
    { channel: 'SLACK', address: 'U123' },
    { channel: 'EMAIL', address: null },
  ]);
  const email = channel('email', { fallback: (reach) => reach.email });

  it('is in-app alone for a low-comfort nudge, whatever the member prefers, naming each preference passed over', async () => {
    const lowComfort = { ...nudge, rule: 'SUPPORT_LOW_COMFORT' } as OwedNudge;
    const chosen = await chooseMemberChannel({ tenantId: 't-1', memberId: 'm-1', nudge: lowComfort, member: ada }, { SLACK: channel('slack'), EMAIL: email });
    expect({ channel: chosen.channel, address: chosen.address, passedOver: chosen.passedOver }).toEqual({
      channel: 'IN_APP',
      address: null,
      passedOver: ['SLACK: a low-comfort nudge is read in Stepwise alone', 'EMAIL: a low-comfort nudge is read in Stepwise alone'],
    });
    const inAppFirst = member([{ channel: 'IN_APP', address: null }, { channel: 'EMAIL', address: null }]);
    expect((await chooseMemberChannel({ tenantId: 't-1', memberId: 'm-1', nudge: lowComfort, member: inAppFirst }, { EMAIL: email })).passedOver).toEqual([]);
  });

  it('is the first preference that can take it', async () => {
    expect(await summary(ada, { SLACK: channel('slack'), EMAIL: email })).toEqual({ channel: 'SLACK', address: 'slack U123', passedOver: [] });
  });

  it('falls through a channel the team or organisation has not configured to the next preference, saying why', async () => {
    expect(await summary(ada, { SLACK: channel('slack', { unconfigured: 'the team has no Slack integration' }), EMAIL: email })).toEqual({
      channel: 'EMAIL',
      address: 'email ada@example.test',
      passedOver: ['SLACK: the team has no Slack integration'],
    });
    expect(await summary(ada, { EMAIL: email })).toEqual({ channel: 'EMAIL', address: 'email ada@example.test', passedOver: ['SLACK: this deployment sends no SLACK nudges'] });
  });

  it('is in-app when nothing preferred can take it, with every channel passed over named', async () => {
    const nobody = member([{ channel: 'EMAIL', address: null }], null);
    expect(await summary(nobody, { EMAIL: email })).toEqual({ channel: 'IN_APP', address: null, passedOver: ['EMAIL: no email address'] });
    expect(await summary(member([{ channel: 'TEAMS', address: null }]), { TEAMS: channel('teams', { unconfigured: 'no Teams' }) })).toEqual({
      channel: 'IN_APP',
      address: null,
      passedOver: ['TEAMS: no Teams'],
    });
  });

  it('is in-app when in-app comes first or they have no preferences, trying nothing after it', async () => {
    let asked = 0;
    const counting: MemberChannelSender = { route: async () => ((asked += 1), { unavailable: 'never' }) };
    expect(await summary(member([{ channel: 'IN_APP', address: null }, { channel: 'EMAIL', address: null }]), { EMAIL: counting })).toEqual({ channel: 'IN_APP', address: null, passedOver: [] });
    expect(await summary(member([]), { EMAIL: counting })).toEqual({ channel: 'IN_APP', address: null, passedOver: [] });
    expect(asked).toBe(0);
  });
});

describe('the attempt’s detail', () => {
  it('names the channels passed over before what the receiver answered', async () => {
    const chosen = await choose(
      member([
        { channel: 'SLACK', address: 'U1' },
        { channel: 'EMAIL', address: 'ada@example.test' },
      ]),
      { SLACK: channel('slack', { unconfigured: 'the team has no Slack integration' }), EMAIL: channel('email') },
    );
    expect(attemptDetail(chosen, '250 OK')).toBe('passed over SLACK: the team has no Slack integration; sent by EMAIL: 250 OK');
    expect(attemptDetail({ ...chosen, channel: 'IN_APP' }, null)).toBe('passed over SLACK: the team has no Slack integration; delivered in-app');
    expect(attemptDetail({ ...chosen, passedOver: [] }, '250 OK')).toBe('250 OK');
  });
});
