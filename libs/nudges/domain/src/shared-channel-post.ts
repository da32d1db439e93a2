/**
 * One post per team channel. A nudge owed to several members of a team (the vision revised, to the
 * team; consider a pivot, to each leader) is one nudge per recipient, each with the same rule,
 * subject and words. Where their deliveries reach a channel the whole team reads (a Slack incoming
 * webhook's channel, a Teams channel), it is posted there once: the first of them to get there
 * posts, and the others find the post. Its key says what makes two of them the same post: the
 * channel, the team, the rule and the subject (which carries the window: the vision version, the
 * run of NOs, the reflection). A nudge personal to its recipient (reflect on your step, your
 * commitment) is its own post whatever the channel, and has no key.
 */
import { NUDGE_RULE_AUDIENCES } from './nudge-rules';
import type { OwedNudge } from './owed-nudge';
import { keyOf } from './policy/nudge.identity';

/** The shared post a nudge's delivery makes in its team's channel `channel`; null when it is a post of its own. */
export const sharedPostKeyOf = (nudge: Pick<OwedNudge, 'rule' | 'subject'>, channel: string): string | null => {
  if (NUDGE_RULE_AUDIENCES[nudge.rule] !== 'team' || nudge.subject.teamId === null) return null;
  return keyOf([channel, nudge.subject.teamId, nudge.rule, nudge.subject.journeyId ?? '', nudge.subject.subjectId]);
};
