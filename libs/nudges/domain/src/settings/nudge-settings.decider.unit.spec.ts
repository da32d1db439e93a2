import { deciderSpec } from '@stepwise/kernel/testing';
import type { NudgeSettingsChanged } from '../nudge-preferences.events';
import { DEFAULT_NUDGE_SETTINGS, NUDGE_RULES, type NudgeSettings } from '../nudge-rules';
import type { MemberActor } from './member-actor';
import type { NudgeRuleChange, UpdateNudgeSettings } from './nudge-settings.commands';
import { nudgeSettingsDecider } from './nudge-settings.decider';
import { NUDGE_RULE_LIMITS } from './nudge-settings.limits';

const given = deciderSpec(nudgeSettingsDecider);
const NOW = new Date('2026-03-02T09:00:00.000Z');
const ADA: MemberActor = { memberId: 'mem-ada', orgRole: 'ADMIN' };
const BEN: MemberActor = { memberId: 'mem-ben', orgRole: 'MEMBER' };

const update = (rules: readonly NudgeRuleChange[] | unknown, actor: MemberActor = ADA): UpdateNudgeSettings => ({
  type: 'UpdateNudgeSettings',
  data: { organisationId: 'org-1', rules: rules as NudgeRuleChange[] },
  metadata: { now: NOW, actor },
});

const changed = (rules: Partial<NudgeSettings>, from: NudgeSettings = DEFAULT_NUDGE_SETTINGS): NudgeSettingsChanged => ({
  type: 'NudgeSettingsChanged',
  data: { organisationId: 'org-1', rules: { ...from, ...rules }, changedBy: ADA.memberId, at: NOW.toISOString() },
});

describe('nudge settings', () => {
  it('every rule has limits, and every default sits within them', () => {
    for (const rule of NUDGE_RULES) {
      const limits = NUDGE_RULE_LIMITS[rule];
      const setting = DEFAULT_NUDGE_SETTINGS[rule];
      for (const field of ['delayMinutes', 'threshold'] as const) {
        const range = limits[field];
        const value = setting[field];
        if (range === null) expect(value).toBeNull();
        else expect(value !== null && value >= range.min && value <= range.max).toBe(true);
      }
    }
  });

  it('an ADMIN changes one field of one rule; the event carries every rule after the change', () => {
    given([])
      .when(update([{ rule: 'CONSIDER_PIVOT', threshold: 3 }]))
      .then([changed({ CONSIDER_PIVOT: { enabled: true, delayMinutes: null, threshold: 3 } })]);
  });

  it('merges into the current settings: earlier changes stay', () => {
    const first = changed({ REFLECT: { enabled: false, delayMinutes: 240, threshold: null } });
    given([first])
      .when(update([{ rule: 'STALLED_JOURNEY', delayMinutes: 7 * 24 * 60 }, { rule: 'WEEKLY_DIGEST', enabled: false }]))
      .then([
        changed(
          { STALLED_JOURNEY: { enabled: true, delayMinutes: 7 * 24 * 60, threshold: null }, WEEKLY_DIGEST: { enabled: false, delayMinutes: null, threshold: null } },
          first.data.rules,
        ),
      ]);
  });

  it('the same values again record nothing', () => {
    given([]).when(update([{ rule: 'REFLECT', enabled: true, delayMinutes: 240 }])).then([]);
  });

  it('accepts the edges of a range', () => {
    given([]).when(update([{ rule: 'SUPPORT_LOW_COMFORT', threshold: 4, delayMinutes: 0 }])).then([changed({ SUPPORT_LOW_COMFORT: { enabled: true, delayMinutes: 0, threshold: 4 } })]);
    given([]).when(update([{ rule: 'COMMITMENT_DUE', delayMinutes: 1439 }])).then([changed({ COMMITMENT_DUE: { enabled: true, delayMinutes: 1439, threshold: null } })]);
  });

  it('refuses a MEMBER: FORBIDDEN', () => {
    given([]).when(update([{ rule: 'REFLECT', enabled: false }], BEN)).thenThrows('FORBIDDEN');
  });

  it.each([
    ['no rules', [], 'rules', 'REQUIRED'],
    ['not a list', 'REFLECT', 'rules', 'REQUIRED'],
    ['an unknown rule', [{ rule: 'NAG' }], 'rules[0].rule', 'NOT_ALLOWED'],
    ['a rule named twice', [{ rule: 'REFLECT', enabled: true }, { rule: 'REFLECT', enabled: false }], 'rules[1].rule', 'DUPLICATE'],
    ['a rule named with nothing to change', [{ rule: 'REFLECT', enabled: false }, { rule: 'NEXT_STEP' }], 'rules[1]', 'REQUIRED'],
    ['a threshold above its range', [{ rule: 'CONSIDER_PIVOT', threshold: 11 }], 'rules.CONSIDER_PIVOT.threshold', 'OUT_OF_RANGE'],
    ['a threshold below its range', [{ rule: 'CONSIDER_PIVOT', threshold: 0 }], 'rules.CONSIDER_PIVOT.threshold', 'OUT_OF_RANGE'],
    ['a fractional threshold', [{ rule: 'SUPPORT_LOW_COMFORT', threshold: 2.5 }], 'rules.SUPPORT_LOW_COMFORT.threshold', 'INVALID_FORMAT'],
    ['a delay on a rule without one', [{ rule: 'CONSIDER_PIVOT', delayMinutes: 60 }], 'rules.CONSIDER_PIVOT.delayMinutes', 'NOT_APPLICABLE'],
    ['a threshold on a rule without one', [{ rule: 'REFLECT', threshold: 2 }], 'rules.REFLECT.threshold', 'NOT_APPLICABLE'],
    ['a null delay where one is needed', [{ rule: 'REFLECT', delayMinutes: null }], 'rules.REFLECT.delayMinutes', 'REQUIRED'],
    ['a negative delay', [{ rule: 'NEXT_STEP', delayMinutes: -1 }], 'rules.NEXT_STEP.delayMinutes', 'OUT_OF_RANGE'],
    ['a stalled-journey delay under a day', [{ rule: 'STALLED_JOURNEY', delayMinutes: 60 }], 'rules.STALLED_JOURNEY.delayMinutes', 'OUT_OF_RANGE'],
    ['a time of day past midnight', [{ rule: 'COMMITMENT_OVERDUE', delayMinutes: 1440 }], 'rules.COMMITMENT_OVERDUE.delayMinutes', 'OUT_OF_RANGE'],
    ['enabled that is not a boolean', [{ rule: 'REFLECT', enabled: 'yes' }], 'rules.REFLECT.enabled', 'INVALID_FORMAT'],
  ])('refuses %s: VALIDATION_FAILED naming the field', (_case, rules, field, reason) => {
    given([]).when(update(rules)).thenThrows('VALIDATION_FAILED', { field, reason });
  });

  it('refuses the whole change when one of its rules is bad (nothing half-applied)', () => {
    given([]).when(update([{ rule: 'REFLECT', enabled: false }, { rule: 'CONSIDER_PIVOT', threshold: 99 }])).thenThrows('VALIDATION_FAILED', {
      field: 'rules.CONSIDER_PIVOT.threshold',
    });
  });
});
