import { NUDGE_RULES, type NudgeRule } from './nudge-rules';
import type { NudgeSubject } from './owed-nudge';
import { sharedPostKeyOf } from './shared-channel-post';

const subject: NudgeSubject = { journeyId: 'journey-1', teamId: 'team-1', subjectId: 'vision-2' };
const nudge = (rule: NudgeRule, about: Partial<NudgeSubject> = {}) => ({ rule, subject: { ...subject, ...about } });

describe('the post a nudge makes in its team’s shared channel', () => {
  it('is one post for every recipient of a team’s nudge: the key names no recipient', () => {
    expect(sharedPostKeyOf(nudge('VISION_REVISED'), 'TEAMS')).toBe('TEAMS|team-1|VISION_REVISED|journey-1|vision-2');
  });

  it('is another post in another channel, team, rule, journey or window', () => {
    const key = sharedPostKeyOf(nudge('CONSIDER_PIVOT'), 'SLACK');
    const others = [
      sharedPostKeyOf(nudge('CONSIDER_PIVOT'), 'TEAMS'),
      sharedPostKeyOf(nudge('CONSIDER_PIVOT', { teamId: 'team-2' }), 'SLACK'),
      sharedPostKeyOf(nudge('STALLED_JOURNEY'), 'SLACK'),
      sharedPostKeyOf(nudge('CONSIDER_PIVOT', { journeyId: 'journey-2' }), 'SLACK'),
      sharedPostKeyOf(nudge('CONSIDER_PIVOT', { subjectId: 'vision-3' }), 'SLACK'),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('keeps ids apart that would run together', () => {
    expect(sharedPostKeyOf(nudge('NEXT_STEP', { teamId: 'a|b', journeyId: 'c' }), 'SLACK')).not.toBe(sharedPostKeyOf(nudge('NEXT_STEP', { teamId: 'a', journeyId: 'b|c' }), 'SLACK'));
  });

  it('is none for a nudge personal to its recipient: each is its own post', () => {
    const personal = NUDGE_RULES.filter((rule) => sharedPostKeyOf(nudge(rule), 'TEAMS') === null);
    expect(personal).toEqual(['REFLECT', 'COMMITMENT_DUE', 'COMMITMENT_OVERDUE', 'WEEKLY_DIGEST']);
  });

  it('is none for a nudge about no team', () => {
    expect(sharedPostKeyOf(nudge('STALLED_JOURNEY', { teamId: null }), 'SLACK')).toBeNull();
  });
});
