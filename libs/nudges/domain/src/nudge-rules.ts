/**
 * The coaching rules a nudge is owed under, and each organisation's settings for them. One uniform
 * shape per rule (on or off, a delay, a threshold) so admins set every rule the same way; a rule
 * that has no delay or no threshold keeps `null` there.
 */
export const NUDGE_RULES = [
  /** A step was taken and its owner has not reflected on it within `delayMinutes` (to the owner). */
  'REFLECT',
  /** The last reflection said closer and no step was planned within `delayMinutes` (to the journey's team). */
  'NEXT_STEP',
  /** `threshold` consecutive NO reflections on a journey against its current direction (to the team's leaders); an UNSURE between them neither counts nor breaks the run. */
  'CONSIDER_PIVOT',
  /** A reflection with comfort at most `threshold` (to the team's leaders, after `delayMinutes`). */
  'SUPPORT_LOW_COMFORT',
  /** A support request still open after `delayMinutes` (to the team's leaders). */
  'SUPPORT_WAITING',
  /** An active journey with no step taken for `delayMinutes` (to the team's leaders). */
  'STALLED_JOURNEY',
  /** The vision was revised: read it, then reflect (to the team, after `delayMinutes`). */
  'VISION_REVISED',
  /** A commitment is due tomorrow (to its member, at `delayMinutes` after local midnight the day before). */
  'COMMITMENT_DUE',
  /** A commitment is past its `dueOn` in the member's timezone and still open (to its member). */
  'COMMITMENT_OVERDUE',
  /** Monday 09:00 local: the leader's journeys in a few lines (to each team leader). */
  'WEEKLY_DIGEST',
] as const;

export type NudgeRule = (typeof NUDGE_RULES)[number];

/**
 * Whom each rule's nudges are for: one member (their step, their commitment, their own digest), or
 * a team (its members or its leaders), where every recipient is owed the same words about the same
 * subject. A team's nudge goes into a channel the whole team reads once, not once per recipient.
 */
export const NUDGE_RULE_AUDIENCES: { readonly [Rule in NudgeRule]: 'member' | 'team' } = {
  REFLECT: 'member',
  NEXT_STEP: 'team',
  CONSIDER_PIVOT: 'team',
  SUPPORT_LOW_COMFORT: 'team',
  SUPPORT_WAITING: 'team',
  STALLED_JOURNEY: 'team',
  VISION_REVISED: 'team',
  COMMITMENT_DUE: 'member',
  COMMITMENT_OVERDUE: 'member',
  WEEKLY_DIGEST: 'member',
};

export const isNudgeRule = (value: unknown): value is NudgeRule => typeof value === 'string' && (NUDGE_RULES as readonly string[]).includes(value);

export interface NudgeRuleSetting {
  readonly enabled: boolean;
  /** Minutes to wait after the triggering fact before the nudge is owed; `null` where the rule has none. */
  readonly delayMinutes: number | null;
  /** The rule's count or level (consecutive NOs, comfort at most); `null` where the rule has none. */
  readonly threshold: number | null;
}

/** An organisation's nudge settings: every rule, always present (absent settings are the defaults). */
export type NudgeSettings = { readonly [Rule in NudgeRule]: NudgeRuleSetting };

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = {
  REFLECT: { enabled: true, delayMinutes: 4 * 60, threshold: null },
  NEXT_STEP: { enabled: true, delayMinutes: 3 * 24 * 60, threshold: null },
  CONSIDER_PIVOT: { enabled: true, delayMinutes: null, threshold: 2 },
  SUPPORT_LOW_COMFORT: { enabled: true, delayMinutes: 0, threshold: 2 },
  SUPPORT_WAITING: { enabled: true, delayMinutes: 24 * 60, threshold: null },
  STALLED_JOURNEY: { enabled: true, delayMinutes: 14 * 24 * 60, threshold: null },
  VISION_REVISED: { enabled: true, delayMinutes: 0, threshold: null },
  COMMITMENT_DUE: { enabled: true, delayMinutes: 9 * 60, threshold: null },
  COMMITMENT_OVERDUE: { enabled: true, delayMinutes: 9 * 60, threshold: null },
  WEEKLY_DIGEST: { enabled: true, delayMinutes: null, threshold: null },
};
