import type { MemberReach } from './delivery.ports';
import { chooseMemberChannel } from './member-channel.choice';

const member = (channels: MemberReach['channels'], email: string | null = 'ada@example.test'): MemberReach => ({
  active: true,
  email,
  timezone: 'Europe/London',
  quietHours: null,
  channels,
  optedOut: [],
  dailyCap: 3,
});

describe('the channel a nudge reaches its member on', () => {
  it('is the first preference that can reach them', () => {
    const ada = member([
      { channel: 'SLACK', address: 'U123' },
      { channel: 'EMAIL', address: null },
    ]);
    expect(chooseMemberChannel(ada, new Set(['SLACK', 'EMAIL']))).toEqual({ channel: 'SLACK', address: 'U123' });
    expect(chooseMemberChannel(ada, new Set(['EMAIL']))).toEqual({ channel: 'EMAIL', address: 'ada@example.test' });
  });

  it('skips a channel with no address', () => {
    expect(chooseMemberChannel(member([{ channel: 'EMAIL', address: null }], null), new Set(['EMAIL']))).toEqual({ channel: 'IN_APP', address: null });
  });

  it('is in-app when it comes first, when nothing else reaches them, and when they have no preferences', () => {
    expect(chooseMemberChannel(member([{ channel: 'IN_APP', address: null }, { channel: 'EMAIL', address: null }]), new Set(['EMAIL']))).toEqual({ channel: 'IN_APP', address: null });
    expect(chooseMemberChannel(member([{ channel: 'TEAMS', address: null }]), new Set())).toEqual({ channel: 'IN_APP', address: null });
    expect(chooseMemberChannel(member([]), new Set(['EMAIL']))).toEqual({ channel: 'IN_APP', address: null });
  });
});
