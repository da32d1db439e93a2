import { deciderSpec } from '@stepwise/kernel/testing';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../notification-preferences';
import type { NotificationPreferencesChanged } from '../nudge-preferences.events';
import type { MemberActor } from '../settings/member-actor';
import type { UpdateNotificationPreferences } from './notification-preferences.commands';
import { notificationPreferencesDecider } from './notification-preferences.decider';

const given = deciderSpec(notificationPreferencesDecider);
const NOW = new Date('2026-03-02T09:00:00.000Z');
const ADA: MemberActor = { memberId: 'mem-ada', orgRole: 'ADMIN' };
const BEN: MemberActor = { memberId: 'mem-ben', orgRole: 'MEMBER' };
const CAL: MemberActor = { memberId: 'mem-cal', orgRole: 'MEMBER' };

type Data = Omit<UpdateNotificationPreferences['data'], 'organisationId' | 'memberId'>;

const BEN_EMAIL = 'ben@stepwise.example';

const update = (
  data: Data | Record<string, unknown>,
  actor: MemberActor = BEN,
  memberId = BEN.memberId,
  targetIsMember = true,
  accountEmail: string | null = BEN_EMAIL,
): UpdateNotificationPreferences => ({
  type: 'UpdateNotificationPreferences',
  data: { organisationId: 'org-1', memberId, ...(data as Data) },
  metadata: { now: NOW, actor, targetIsMember, accountEmail },
});

const changed = (data: Partial<NotificationPreferencesChanged['data']> = {}): NotificationPreferencesChanged => ({
  type: 'NotificationPreferencesChanged',
  data: {
    organisationId: 'org-1',
    memberId: BEN.memberId,
    channels: [...DEFAULT_NOTIFICATION_PREFERENCES.channels],
    optedOut: [],
    dailyCap: 3,
    changedBy: BEN.memberId,
    at: NOW.toISOString(),
    ...data,
  },
});

describe('notification preferences', () => {
  it('a member sets their channels in order of preference; the rest stay at the defaults', () => {
    const channels = [
      { channel: 'SLACK' as const, address: 'U0123ABCD' },
      { channel: 'EMAIL' as const, address: 'ben@example.com' },
      { channel: 'IN_APP' as const, address: null },
    ];
    given([]).when(update({ channels })).then([changed({ channels })]);
  });

  it('merges: a later change of the cap keeps the opt-outs', () => {
    given([changed({ optedOut: ['WEEKLY_DIGEST', 'REFLECT'] })])
      .when(update({ dailyCap: 10 }))
      .then([changed({ optedOut: ['WEEKLY_DIGEST', 'REFLECT'], dailyCap: 10 })]);
  });

  it('EMAIL at the account email follows the account: kept as null, whatever case it was typed in', () => {
    given([])
      .when(update({ channels: [{ channel: 'EMAIL', address: 'Ben@Stepwise.example' }] }))
      .then([changed({ channels: [{ channel: 'EMAIL', address: null }] })]);
    given([]).when(update({ channels: [{ channel: 'EMAIL', address: null }] })).then([changed({ channels: [{ channel: 'EMAIL', address: null }] })]);
  });

  it('EMAIL at another address than the account email stays that address', () => {
    const channels = [{ channel: 'EMAIL' as const, address: 'ben.home@example.com' }];
    given([]).when(update({ channels })).then([changed({ channels })]);
  });

  it('an address kept from before, equal to the account email, starts following it on the next change', () => {
    given([changed({ channels: [{ channel: 'EMAIL', address: BEN_EMAIL }] })])
      .when(update({ dailyCap: 5 }))
      .then([changed({ channels: [{ channel: 'EMAIL', address: null }], dailyCap: 5 })]);
  });

  it('an ADMIN changes another member’s preferences', () => {
    given([]).when(update({ dailyCap: 1 }, ADA)).then([changed({ dailyCap: 1, changedBy: ADA.memberId })]);
  });

  it('an empty channel list means in-app only', () => {
    given([]).when(update({ channels: [] })).then([changed({ channels: [] })]);
  });

  it('the same values again record nothing (opt-outs in any order)', () => {
    given([changed({ optedOut: ['REFLECT', 'NEXT_STEP'] })]).when(update({ optedOut: ['NEXT_STEP', 'REFLECT'] })).then([]);
  });

  it('refuses another member who is not an ADMIN: FORBIDDEN', () => {
    given([]).when(update({ dailyCap: 5 }, CAL)).thenThrows('FORBIDDEN');
  });

  it('refuses a member who is not in the organisation: MEMBER_NOT_FOUND', () => {
    given([]).when(update({ dailyCap: 5 }, ADA, 'mem-gone', false)).thenThrows('MEMBER_NOT_FOUND');
  });

  it.each([
    ['nothing to change', {}, 'input', 'REQUIRED'],
    ['a channel listed twice', { channels: [{ channel: 'IN_APP', address: null }, { channel: 'IN_APP', address: null }] }, 'channels[1].channel', 'DUPLICATE'],
    ['an unknown channel', { channels: [{ channel: 'PIGEON', address: null }] }, 'channels[0].channel', 'NOT_ALLOWED'],
    ['EMAIL with something else', { channels: [{ channel: 'IN_APP', address: null }, { channel: 'EMAIL', address: 'not-an-email' }] }, 'channels[1].address', 'INVALID_FORMAT'],
    ['EMAIL with an address no email can be sent to', { channels: [{ channel: 'EMAIL', address: 'x,y@example.com' }] }, 'channels[0].address', 'INVALID_FORMAT'],
    // A blank address is no address: null is how to say "my account email".
    ['EMAIL with an empty address', { channels: [{ channel: 'EMAIL', address: '' }] }, 'channels[0].address', 'REQUIRED'],
    ['EMAIL with a blank address', { channels: [{ channel: 'EMAIL', address: '   ' }] }, 'channels[0].address', 'REQUIRED'],
    ['SLACK with an email address', { channels: [{ channel: 'SLACK', address: 'ben@example.com' }] }, 'channels[0].address', 'INVALID_FORMAT'],
    ['SLACK without an address', { channels: [{ channel: 'SLACK', address: null }] }, 'channels[0].address', 'REQUIRED'],
    ['IN_APP with an address', { channels: [{ channel: 'IN_APP', address: 'x' }] }, 'channels[0].address', 'NOT_APPLICABLE'],
    ['TEAMS with an address', { channels: [{ channel: 'TEAMS', address: 'x' }] }, 'channels[0].address', 'NOT_APPLICABLE'],
    ['an unknown rule opted out of', { optedOut: ['NAG'] }, 'optedOut[0]', 'NOT_ALLOWED'],
    ['a rule opted out of twice', { optedOut: ['REFLECT', 'REFLECT'] }, 'optedOut[1]', 'DUPLICATE'],
    ['a cap of 0', { dailyCap: 0 }, 'dailyCap', 'OUT_OF_RANGE'],
    ['a cap of 51', { dailyCap: 51 }, 'dailyCap', 'OUT_OF_RANGE'],
    ['a fractional cap', { dailyCap: 2.5 }, 'dailyCap', 'OUT_OF_RANGE'],
  ])('refuses %s: VALIDATION_FAILED naming the field', (_case, data, field, reason) => {
    given([]).when(update(data)).thenThrows('VALIDATION_FAILED', { field, reason });
  });
});
