import type { NudgeMessage } from '@stepwise/integrations';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { AnswerLinkSigner } from '../answers/answer-link.signer';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';
import { answerNonceOf, composeMemberMessage, forSharedChannel, sharedChannelRefusal } from './member-message.composer';

const signer = new AnswerLinkSigner(Buffer.alloc(32, 7));
const issuer = { signer, publicUrl: 'https://stepwise.example.test' };
const at = new Date('2026-03-02T13:00:00.000Z');
const ignore = () => undefined;

const nudge = (overrides: Partial<OwedNudge> = {}): OwedNudge => ({
  nudgeId: 'nudge-1',
  organisationId: 'org-1',
  rule: 'REFLECT',
  recipientId: 'mem-ada',
  subject: { journeyId: 'journey-1', teamId: 'team-1', subjectId: 'step-1' },
  dedupeKey: 'REFLECT/mem-ada/step-1',
  dueAt: at.toISOString(),
  facts: { stepTitle: 'Share the plan', memberId: 'mem-ada' },
  causedByPosition: '1',
  ...overrides,
});

const message: NudgeMessage = {
  nudgeId: 'nudge-1',
  organisationId: 'org-1',
  rule: 'REFLECT',
  recipientId: 'mem-ada',
  title: 'Time to reflect',
  text: 'You took “Share the plan”.',
  lines: ['You took “Share the plan”.'],
  actions: [],
  facts: { stepTitle: 'Share the plan', memberId: 'mem-ada' },
};

describe('a member channel’s message', () => {
  it('gives a reflection nudge sent to the member alone the three answer links, signed for them, without raw facts', () => {
    const carried: string[] = [];
    const { message: composed, links } = composeMemberMessage(message, nudge(), { deliveryId: 'delivery-1', attemptNumber: 2, at }, 'member', issuer, (token) => carried.push(token));
    expect(composed.facts).toEqual({});
    expect(composed.actions.map((action) => [action.label, new URL(action.url).searchParams.get('closer')])).toEqual([
      ['Yes, closer', 'YES'],
      ['No, not closer', 'NO'],
      ['Unsure', 'UNSURE'],
    ]);
    expect(signer.verify(links!.token)).toMatchObject({ tenantId: 'org-1', memberId: 'mem-ada', journeyId: 'journey-1', stepId: 'step-1', nudgeId: 'nudge-1' });
    // Told to the delivery processor, which keeps it out of the attempt's record.
    expect(carried).toEqual([links!.token]);
  });

  it('sends a weekly digest without its journeys’ mean comfort, which Stepwise alone shows; an older digest with its totals alone', () => {
    const lines = 'Reading at home: closer 1/2 (50%), comfort 1, 1 step taken, 0 open support requests';
    const digest = nudge({
      rule: 'WEEKLY_DIGEST',
      subject: { journeyId: null, teamId: null, subjectId: 'week-2026-03-02' },
      facts: { week: '2026-03-02', journeys: 1, stepsTaken: 1, comfortMean: 1, lines, linesOutside: 'Reading at home: closer 1/2 (50%), 1 step taken, 0 open support requests' },
    });
    const stored = renderNudgeMessage(digest);
    expect(stored.text).toContain('comfort 1');
    const composed = composeMemberMessage(stored, digest, { deliveryId: 'delivery-1', attemptNumber: 1, at }, 'member', issuer, ignore).message;
    expect(composed.lines).toEqual(['1 journey under way', 'Reading at home: closer 1/2 (50%), 1 step taken, 0 open support requests', 'Are we closer to where we want to be?']);
    expect(JSON.stringify(composed)).not.toMatch(/comfort/i);
    const older = nudge({ ...digest, facts: { week: '2026-03-02', journeys: 1, stepsTaken: 1, comfortMean: 1, lines } });
    const olderComposed = composeMemberMessage(renderNudgeMessage(older), older, { deliveryId: 'delivery-2', attemptNumber: 1, at }, 'member', issuer, ignore).message;
    expect(olderComposed.lines).toEqual(['1 journey under way', '1 step taken', 'Are we closer to where we want to be?']);
  });

  it('carries the same single use on every attempt of a delivery, and another on another delivery', () => {
    const first = composeMemberMessage(message, nudge(), { deliveryId: 'delivery-1', attemptNumber: 1, at }, 'member', issuer, ignore).links!;
    const retry = composeMemberMessage(message, nudge(), { deliveryId: 'delivery-1', attemptNumber: 2, at: new Date(at.getTime() + 60_000) }, 'member', issuer, ignore).links!;
    const other = composeMemberMessage(message, nudge(), { deliveryId: 'delivery-2', attemptNumber: 1, at }, 'member', issuer, ignore).links!;
    expect(signer.verify(retry.token).nonce).toBe(signer.verify(first.token).nonce);
    expect(signer.verify(first.token).nonce).toBe(answerNonceOf('delivery-1'));
    expect(signer.verify(other.token).nonce).not.toBe(signer.verify(first.token).nonce);
  });

  it('gives no answer links in a shared channel, nor to a nudge that asks for no reflection', () => {
    const carried: string[] = [];
    const carry = (token: string) => carried.push(token);
    expect(composeMemberMessage(message, nudge(), { deliveryId: 'd', attemptNumber: 1, at }, 'shared', issuer, carry)).toMatchObject({ links: null, message: { actions: [], facts: {} } });
    expect(composeMemberMessage(message, nudge({ rule: 'NEXT_STEP' }), { deliveryId: 'd', attemptNumber: 1, at }, 'member', issuer, carry).links).toBeNull();
    expect(carried).toEqual([]);
  });

  it('keeps nudges about one member’s comfort or support request, and the leaders’ weekly digest, out of shared channels', () => {
    expect(sharedChannelRefusal(nudge({ rule: 'SUPPORT_LOW_COMFORT' }), 'Ada Lovelace')).toMatch(/shared/);
    expect(sharedChannelRefusal(nudge({ rule: 'SUPPORT_WAITING' }), 'Ada Lovelace')).toMatch(/shared/);
    expect(sharedChannelRefusal(nudge({ rule: 'WEEKLY_DIGEST' }), 'Ada Lovelace')).toMatch(/shared/);
    expect(sharedChannelRefusal(nudge({ rule: 'REFLECT' }), 'Ada Lovelace')).toBeNull();
    expect(sharedChannelRefusal(nudge({ rule: 'CONSIDER_PIVOT' }), 'Ada Lovelace')).toBeNull();
  });

  it('says why in words an admin may read beside the delivery: not which of them it is, so not that it was about someone’s low comfort', () => {
    const lowComfort = sharedChannelRefusal(nudge({ rule: 'SUPPORT_LOW_COMFORT' }), 'Ada Lovelace');
    expect(lowComfort).toBe(sharedChannelRefusal(nudge({ rule: 'SUPPORT_WAITING' }), 'Ada Lovelace'));
    expect(lowComfort).toBe(sharedChannelRefusal(nudge({ rule: 'WEEKLY_DIGEST' }), 'Ada Lovelace'));
    expect(lowComfort).not.toMatch(/SUPPORT|comfort/i);
  });

  it('says in a shared channel whom a member’s own nudge is for; a team’s nudge speaks to the team as it is', () => {
    expect(forSharedChannel(message, nudge(), 'Ada Lovelace')).toMatchObject({
      text: 'For Ada Lovelace: You took “Share the plan”.',
      lines: ['For Ada Lovelace:', 'You took “Share the plan”.'],
    });
    expect(forSharedChannel(message, nudge({ rule: 'COMMITMENT_DUE' }), 'Ada Lovelace').lines[0]).toBe('For Ada Lovelace:');
    const pivot = { ...message, rule: 'CONSIDER_PIVOT', text: '3 reflections in a row said “not closer”.', lines: ['3 reflections in a row said “not closer”.'] };
    expect(forSharedChannel(pivot, nudge({ rule: 'CONSIDER_PIVOT' }), 'Ada Lovelace')).toBe(pivot);
  });

  it('keeps a member’s own nudge out of a shared channel while their name is not known: it would say “you” to everyone there', () => {
    expect(sharedChannelRefusal(nudge(), null)).toMatch(/name/);
    expect(sharedChannelRefusal(nudge(), '  ')).toMatch(/name/);
    expect(sharedChannelRefusal(nudge({ rule: 'VISION_REVISED' }), null)).toBeNull();
  });
});
