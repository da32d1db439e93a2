/**
 * Nudge settings, notification preferences and member email over GraphQL: who may read and change
 * each, the defaults, partial changes, and every bad input refused with a code naming its field
 * while nothing is written.
 */
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type StepwiseApi } from './support/stepwise-api';

const fieldOf = (response: GraphqlResponse<Record<string, unknown>>): unknown => (response.errors?.[0]?.extensions?.details as { field?: unknown } | undefined)?.field;

describe('nudge preferences', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'nudging' });
  }, 60_000);

  afterAll(() => stepwise?.close());

  /** Runs `attempts`, each expected to fail with `code` (naming `field`, when given), and proves the log did not move. */
  const refusedWithoutWriting = async (attempts: [() => Promise<GraphqlResponse<Record<string, unknown>>>, string, string?][]): Promise<void> => {
    const head = await stepwise.runtime.eventStore.logHead();
    for (const [attempt, code, field] of attempts) {
      const response = await attempt();
      expect({ code: errorCode(response), field: field === undefined ? undefined : fieldOf(response) }).toEqual({ code, field });
    }
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
  };

  describe('organisation nudge settings', () => {
    it('start at the defaults, every rule with what it accepts, readable by every member', async () => {
      for (const person of [org.admin, org.leader, org.staff[0], org.bystander]) {
        const settings = await api.query(person, 'nudgeSettings');
        expect(settings.updatedAt).toBeNull();
        expect(settings.rules).toHaveLength(10);
        expect(settings.rules.find((rule) => rule.rule === 'CONSIDER_PIVOT')).toEqual({
          rule: 'CONSIDER_PIVOT',
          enabled: true,
          delayMinutes: null,
          threshold: 2,
          delayMinutesRange: null,
          thresholdRange: { min: 1, max: 10 },
        });
      }
    });

    it('staff cannot change them, and bad values are refused naming the field; nothing is written', async () => {
      const update = (person: typeof org.admin, rules: Input[]) => () => api.attempt(person, 'updateNudgeSettings', { rules });
      await refusedWithoutWriting([
        [update(org.staff[0], [{ rule: 'REFLECT', enabled: false }]), 'FORBIDDEN'],
        [update(org.leader, [{ rule: 'REFLECT', enabled: false }]), 'FORBIDDEN'],
        [update(org.admin, [{ rule: 'CONSIDER_PIVOT', threshold: 11 }]), 'VALIDATION_FAILED', 'rules.CONSIDER_PIVOT.threshold'],
        [update(org.admin, [{ rule: 'WEEKLY_DIGEST', delayMinutes: 60 }]), 'VALIDATION_FAILED', 'rules.WEEKLY_DIGEST.delayMinutes'],
        [update(org.admin, [{ rule: 'REFLECT', delayMinutes: null }]), 'VALIDATION_FAILED', 'rules.REFLECT.delayMinutes'],
        [update(org.admin, [{ rule: 'REFLECT', enabled: false }, { rule: 'REFLECT', delayMinutes: 60 }]), 'VALIDATION_FAILED', 'rules[1].rule'],
        [update(org.admin, [{ rule: 'REFLECT', enabled: false }, { rule: 'STALLED_JOURNEY', delayMinutes: 5 }]), 'VALIDATION_FAILED', 'rules.STALLED_JOURNEY.delayMinutes'],
        [update(org.admin, []), 'VALIDATION_FAILED', 'rules'],
        [update(org.admin, [{ rule: 'REFLECT', enabled: false }, { rule: 'NEXT_STEP' }]), 'VALIDATION_FAILED', 'rules[1]'],
      ]);
      expect((await api.query(org.staff[0], 'nudgeSettings')).updatedAt).toBeNull();
    });

    it('an admin changes some rules; the rest stay; every member reads the change', async () => {
      const changed = await api.mutate(org.admin, 'updateNudgeSettings', {
        rules: [
          { rule: 'CONSIDER_PIVOT', threshold: 3 },
          { rule: 'WEEKLY_DIGEST', enabled: false },
        ],
      });
      expect(changed.outcome.projected).toBe(true);
      await api.mutate(org.admin, 'updateNudgeSettings', { rules: [{ rule: 'REFLECT', delayMinutes: 120 }] });
      const seen = await api.query(org.staff[1], 'nudgeSettings');
      const byRule = Object.fromEntries(seen.rules.map(({ rule, enabled, delayMinutes, threshold }) => [rule, { enabled, delayMinutes, threshold }]));
      expect(byRule).toMatchObject({
        CONSIDER_PIVOT: { enabled: true, delayMinutes: null, threshold: 3 },
        WEEKLY_DIGEST: { enabled: false, delayMinutes: null, threshold: null },
        REFLECT: { enabled: true, delayMinutes: 120, threshold: null },
        NEXT_STEP: { enabled: true, delayMinutes: 3 * 24 * 60, threshold: null },
      });
      expect(seen.updatedAt).not.toBeNull();
    });
  });

  describe('member notification preferences', () => {
    const channels = [
      { channel: 'SLACK', address: 'U0123ABCD' },
      { channel: 'EMAIL', address: 'staff.one@example.com' },
      { channel: 'IN_APP', address: null },
    ];

    it('are the defaults until set: in-app only, no opt-outs, three a day', async () => {
      expect(await api.query(org.staff[1], 'notificationPreferences', { memberId: org.staff[1].memberId })).toEqual({
        memberId: org.staff[1].memberId,
        channels: [{ channel: 'IN_APP', address: null }],
        optedOut: [],
        dailyCap: 3,
        updatedAt: null,
      });
    });

    it('a member sets their own; another staff member may neither read nor change them; an admin may do both', async () => {
      const me = org.staff[0];
      const set = await api.mutate(me, 'updateNotificationPreferences', { memberId: me.memberId, channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 5 });
      expect(set.preferences).toMatchObject({ memberId: me.memberId, channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 5 });

      await refusedWithoutWriting([
        [() => api.attempt(org.staff[1], 'updateNotificationPreferences', { memberId: me.memberId, dailyCap: 1 }), 'FORBIDDEN'],
        [() => api.attempt(org.leader, 'updateNotificationPreferences', { memberId: me.memberId, dailyCap: 1 }), 'FORBIDDEN'],
      ]);
      expect(errorCode(await api.attemptQuery(org.staff[1], 'notificationPreferences', { memberId: me.memberId }))).toBe('FORBIDDEN');

      const byAdmin = await api.mutate(org.admin, 'updateNotificationPreferences', { memberId: me.memberId, dailyCap: 8 });
      expect(byAdmin.preferences).toMatchObject({ channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 8 });
      expect(await api.query(org.admin, 'notificationPreferences', { memberId: me.memberId })).toMatchObject({ dailyCap: 8, channels });
      expect(await api.query(me, 'notificationPreferences', { memberId: me.memberId })).toMatchObject({ dailyCap: 8 });
    });

    it('show on Member to the member themself and to admins only', async () => {
      const me = org.staff[0];
      const seenBy = async (person: typeof me) => (await api.query(person, 'membersWithPreferences')).find((member) => member.id === me.memberId)?.notificationPreferences;
      expect(await seenBy(me)).toMatchObject({ dailyCap: 8 });
      expect(await seenBy(org.admin)).toMatchObject({ dailyCap: 8 });
      expect(await seenBy(org.staff[1])).toBeNull();
      expect(await seenBy(org.leader)).toBeNull();
    });

    it('refuses bad input naming the field, and an unknown member, changing nothing', async () => {
      const me = org.staff[0];
      const update = (input: Input) => () => api.attempt(me, 'updateNotificationPreferences', { memberId: me.memberId, ...input });
      await refusedWithoutWriting([
        [update({ channels: [{ channel: 'EMAIL', address: 'not-an-email' }] }), 'VALIDATION_FAILED', 'channels[0].address'],
        [update({ channels: [{ channel: 'IN_APP' }, { channel: 'SLACK', address: 'me@example.com' }] }), 'VALIDATION_FAILED', 'channels[1].address'],
        [update({ channels: [{ channel: 'IN_APP', address: 'somewhere' }] }), 'VALIDATION_FAILED', 'channels[0].address'],
        [update({ channels: [{ channel: 'IN_APP' }, { channel: 'IN_APP' }] }), 'VALIDATION_FAILED', 'channels[1].channel'],
        [update({ optedOut: ['REFLECT', 'REFLECT'] }), 'VALIDATION_FAILED', 'optedOut[1]'],
        [update({ dailyCap: 0 }), 'VALIDATION_FAILED', 'dailyCap'],
        [update({ dailyCap: 51 }), 'VALIDATION_FAILED', 'dailyCap'],
        [update({}), 'VALIDATION_FAILED', 'input'],
        [() => api.attempt(org.admin, 'updateNotificationPreferences', { memberId: 'no-such-member', dailyCap: 4 }), 'MEMBER_NOT_FOUND'],
      ]);
      expect(errorCode(await api.attemptQuery(org.admin, 'notificationPreferences', { memberId: 'no-such-member' }))).toBe('MEMBER_NOT_FOUND');
      expect(await api.query(me, 'notificationPreferences', { memberId: me.memberId })).toMatchObject({ channels, dailyCap: 8 });
    });
  });

  describe('member email', () => {
    it('a member changes their own; an admin changes anyone’s; another staff member cannot; bad addresses are refused', async () => {
      const me = org.staff[1];
      const own = await api.mutate(me, 'changeMemberEmail', { memberId: me.memberId, email: 'staff.two@example.com' });
      expect(own.member).toMatchObject({ id: me.memberId, email: 'staff.two@example.com' });

      await refusedWithoutWriting([
        [() => api.attempt(org.staff[0], 'changeMemberEmail', { memberId: me.memberId, email: 'hijack@example.com' }), 'FORBIDDEN'],
        [() => api.attempt(me, 'changeMemberEmail', { memberId: me.memberId, email: 'not an email' }), 'VALIDATION_FAILED', 'email'],
        [() => api.attempt(org.admin, 'changeMemberEmail', { memberId: 'no-such-member', email: 'x@example.com' }), 'MEMBER_NOT_FOUND'],
      ]);

      const byAdmin = await api.mutate(org.admin, 'changeMemberEmail', { memberId: me.memberId, email: 'two@example.org' });
      expect(byAdmin.member?.email).toBe('two@example.org');
      const again = await api.mutate(org.admin, 'changeMemberEmail', { memberId: me.memberId, email: 'two@example.org' });
      expect(again.outcome.version).toBe(byAdmin.outcome.version);
      expect((await api.query(org.leader, 'membersWithPreferences')).find((member) => member.id === me.memberId)?.email).toBe('two@example.org');

      const cleared = await api.mutate(me, 'changeMemberEmail', { memberId: me.memberId, email: null });
      expect(cleared.member?.email).toBeNull();
    });
  });
});
