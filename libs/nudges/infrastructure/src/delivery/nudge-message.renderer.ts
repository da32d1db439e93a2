/**
 * A nudge's words, per rule, from the facts the policy recorded with it. Pure. Every message names
 * the essay's question or its next small step; none repeats a person's comfort score or a
 * reflection note (those stay with the person and their team's leaders, in the app). A leader's
 * weekly digest gives their journeys' figures, the mean comfort among them, and so never goes to a
 * channel the whole team reads (see `sharedChannelRefusal`). It is rendered
 * once, when the relay takes the nudge in, and stored with the delivery. One-tap answer links are
 * not part of it: they are signed for the member and the delivery at the moment of sending, by the
 * channel that sends it (`channels/member-message.composer.ts`).
 */
import type { NudgeMessage } from '@stepwise/integrations';
import type { NudgeRule, OwedNudge } from '@stepwise/nudges-domain';

type Facts = OwedNudge['facts'];

const text = (facts: Facts, key: string): string | null => {
  const value = facts[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const count = (facts: Facts, key: string): number | null => {
  const value = facts[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

const quoted = (value: string | null, fallback: string): string => (value ? `“${value}”` : fallback);

const DAY_MS = 86_400_000;

/** Whole days from the fact's instant `key` to the nudge's due time; null without a readable instant. */
const daysSince = (nudge: OwedNudge, key: string): number | null => {
  const since = Date.parse(text(nudge.facts, key) ?? '');
  const due = Date.parse(nudge.dueAt);
  return Number.isFinite(since) && Number.isFinite(due) && due >= since ? Math.floor((due - since) / DAY_MS) : null;
};

/**
 * How a reflection's comfort reads without its score: below 3 is uncomfortable, as the analytics'
 * quadrant counts it; an organisation whose support threshold is 3 or 4 also hears of comfort that
 * is not, and the words say only that it is not full.
 */
const COMFORTABLE_FROM = 3;
const feelingAbout = (comfort: number | null, journey: string): string =>
  comfort !== null && comfort >= COMFORTABLE_FROM ? `is not fully comfortable with ${journey} yet.` : `is finding ${journey} uncomfortable.`;

interface Words {
  readonly title: string;
  readonly lines: readonly string[];
}

const wordsFor: { readonly [Rule in NudgeRule]: (facts: Facts, nudge: OwedNudge) => Words } = {
  REFLECT: (facts) => ({
    title: 'Time to reflect',
    lines: [`You took ${quoted(text(facts, 'stepTitle'), 'a step')}.`, 'Are we closer to where we want to be? And, separately, how comfortable does it feel?'],
  }),
  NEXT_STEP: (facts) => ({
    title: 'Take the next small step',
    lines: [`The last reflection on ${quoted(text(facts, 'journeyTitle'), 'your journey')} said closer.`, 'What is the next small step? Plan it while it is fresh.'],
  }),
  CONSIDER_PIVOT: (facts) => {
    const noes = count(facts, 'consecutiveNo') ?? count(facts, 'threshold');
    return {
      title: 'Consider a pivot',
      lines: [
        `${noes ? `${noes} ${noes === 1 ? 'reflection' : 'reflections in a row'}` : 'Recent reflections'} on ${quoted(text(facts, 'journeyTitle'), 'a journey')} said “not closer”.`,
        'Keep the vision; a slightly different direction may get you there.',
      ],
    };
  },
  SUPPORT_LOW_COMFORT: (facts) => ({
    title: 'Someone may need your support',
    lines: [
      `${text(facts, 'memberName') ?? 'A member of your team'} ${feelingAbout(count(facts, 'comfort'), quoted(text(facts, 'journeyTitle'), 'the change'))}`,
      'Change feels vulnerable; a word from you helps them keep going.',
    ],
  }),
  SUPPORT_WAITING: (facts) => ({
    title: 'A support request is waiting',
    lines: [`${text(facts, 'memberName') ?? 'A member of your team'} asked for support on ${quoted(text(facts, 'journeyTitle'), 'a journey')} and is still waiting.`],
  }),
  STALLED_JOURNEY: (facts, nudge) => {
    const days = count(facts, 'daysWithoutStep') ?? daysSince(nudge, 'quietSince');
    return {
      title: 'A journey has stalled',
      lines: [`No step has been taken on ${quoted(text(facts, 'journeyTitle'), 'a journey')}${days ? ` for ${days} ${days === 1 ? 'day' : 'days'}` : ' for a while'}.`, 'Progress, not perfect: what is one small step?'],
    };
  },
  VISION_REVISED: (facts) => ({
    title: 'The vision was revised',
    lines: [`The vision of ${quoted(text(facts, 'journeyTitle'), 'your journey')} changed.`, 'Read how the future perfect looks now, then reflect on your next step.'],
  }),
  COMMITMENT_DUE: (facts) => ({
    title: 'A commitment is due tomorrow',
    lines: [`You committed to ${quoted(text(facts, 'description'), 'something')}${text(facts, 'dueOn') ? `, due ${text(facts, 'dueOn')}` : ''}.`],
  }),
  COMMITMENT_OVERDUE: (facts) => ({
    title: 'A commitment is overdue',
    lines: [`${quoted(text(facts, 'description'), 'A commitment')} was due${text(facts, 'dueOn') ? ` on ${text(facts, 'dueOn')}` : ''} and is still open.`, 'Keep it, or say what changed.'],
  }),
  WEEKLY_DIGEST: (facts) => {
    const journeys = count(facts, 'journeys');
    const steps = count(facts, 'stepsTaken');
    // One line per journey, as the policy wrote them: closer rate, comfort, steps taken, open support.
    const perJourney = (text(facts, 'lines') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return {
      title: 'Your week in change',
      lines: [
        journeys !== null ? `${journeys} ${journeys === 1 ? 'journey' : 'journeys'} under way` : 'Your journeys this week',
        ...(perJourney.length > 0 ? perJourney : steps !== null ? [`${steps} ${steps === 1 ? 'step' : 'steps'} taken`] : []),
        'Are we closer to where we want to be?',
      ],
    };
  },
};

/** A line as part of running text: one that ends without a full stop, question or exclamation mark gets a full stop. */
const asSentence = (line: string): string => (/[.?!…][”’")]*$/.test(line) ? line : `${line}.`);

export const renderNudgeMessage = (nudge: OwedNudge): NudgeMessage => {
  const words = wordsFor[nudge.rule](nudge.facts, nudge);
  return {
    nudgeId: nudge.nudgeId,
    organisationId: nudge.organisationId,
    rule: nudge.rule,
    recipientId: nudge.recipientId,
    title: words.title,
    // One paragraph: a digest's lines ("1 journey under way", a journey's figures) read as sentences in it.
    text: words.lines.map(asSentence).join(' '),
    lines: words.lines,
    actions: [],
    facts: nudge.facts,
  };
};
