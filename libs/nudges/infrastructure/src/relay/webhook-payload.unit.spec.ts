import type { RecordedEvent } from '@stepwise/event-store';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { aTeamWithAJourney, givenPolicy, hoursAfter, reflectionRecorded, SAM, stepPlanned, stepTaken, T0, TEAM } from '@stepwise/nudges-domain/testing';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';
import { domainEventPayload, nudgePayload, webhooksMayCarry } from './webhook-payload';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: 'e-1',
  type,
  schemaVersion: 1,
  data,
  metadata: { tenantId: 'org-1', recordedAt: '2026-03-02T09:00:00.000Z', actorId: 'm-1' },
  tenantId: 'org-1',
  streamId: 'journey-j-1',
  streamVersion: 4,
  globalPosition: 10,
  txId: 5,
  recordedAt: new Date('2026-03-02T09:00:00.000Z'),
});

describe('a webhook payload', () => {
  it('carries a domain event whole, with where it sits', () => {
    expect(domainEventPayload(recorded('StepTaken', { journeyId: 'j-1', stepId: 's-1' }))).toEqual({
      type: 'StepTaken',
      timestamp: '2026-03-02T09:00:00.000Z',
      data: { eventId: 'e-1', organisationId: 'org-1', streamId: 'journey-j-1', streamVersion: 4, actorId: 'm-1', event: { journeyId: 'j-1', stepId: 's-1' } },
    });
  });

  it('leaves out a reflection’s comfort and note, and what support was asked for or offered', () => {
    const reflection = domainEventPayload(recorded('ReflectionRecorded', { reflectionId: 'r-1', closer: 'NO', comfort: 1, note: 'I feel lost' }));
    expect((reflection.data as Record<string, unknown>).event).toEqual({ reflectionId: 'r-1', closer: 'NO' });
    expect((domainEventPayload(recorded('SupportRequested', { requestId: 'q-1', need: 'Time' })).data as Record<string, unknown>).event).toEqual({ requestId: 'q-1' });
    expect((domainEventPayload(recorded('SupportOffered', { requestId: 'q-1', message: 'Call me' })).data as Record<string, unknown>).event).toEqual({ requestId: 'q-1' });
  });

  it('says a member changed their notification preferences, but not to what: their addresses, opt-outs and cap are theirs and their admins’', () => {
    const changed = domainEventPayload(
      recorded('NotificationPreferencesChanged', {
        organisationId: 'org-1',
        memberId: 'm-2',
        channels: [{ channel: 'EMAIL', address: 'private@example.com' }, { channel: 'SLACK', address: 'U0123' }],
        optedOut: ['REFLECT'],
        dailyCap: 2,
        changedBy: 'm-2',
        at: '2026-03-02T09:00:00.000Z',
      }),
    );
    expect((changed.data as Record<string, unknown>).event).toEqual({ organisationId: 'org-1', memberId: 'm-2', changedBy: 'm-2', at: '2026-03-02T09:00:00.000Z' });
  });

  it('carries a nudge with its words and its facts, but no comfort or note', () => {
    const nudge: OwedNudge = {
      nudgeId: 'n-1',
      organisationId: 'org-1',
      rule: 'SUPPORT_LOW_COMFORT',
      recipientId: 'leader-1',
      subject: { journeyId: 'j-1', teamId: 't-1', subjectId: 'r-1' },
      dedupeKey: 'k',
      dueAt: '2026-03-02T09:00:00.000Z',
      facts: { memberName: 'Ada', comfort: 1, reflectionNote: 'lost', journeyTitle: 'Planning' },
      causedByPosition: '7',
    };
    const payload = nudgePayload(nudge, new Date('2026-03-02T08:00:00.000Z'));
    expect(payload).toMatchObject({ type: 'nudge', timestamp: '2026-03-02T08:00:00.000Z', data: { nudgeId: 'n-1', rule: 'SUPPORT_LOW_COMFORT', recipientId: 'leader-1' } });
    expect((payload.data as Record<string, unknown>).facts).toEqual({ memberName: 'Ada', journeyTitle: 'Planning' });
  });

  it('is not owed for a nudge about one member’s low comfort: its rule and its subject would tell the organisation that person’s comfort', () => {
    const decisions = givenPolicy(aTeamWithAJourney()).when(reflectionRecorded('r1', { closer: 'NO', comfort: 1 }, hoursAfter(T0, 1))).decisions;
    const lowComfort = decisions.find((decision) => decision.nudge.rule === 'SUPPORT_LOW_COMFORT')!.nudge;
    expect(webhooksMayCarry(lowComfort)).toBe(false);
    // The nudges about the team's work still go: a support request waiting is known to the team already.
    expect(decisions.filter((decision) => decision.nudge.rule !== 'SUPPORT_LOW_COMFORT').every((decision) => webhooksMayCarry(decision.nudge))).toBe(true);
    expect(webhooksMayCarry({ ...lowComfort, rule: 'SUPPORT_WAITING' })).toBe(true);
  });

  it('carries a leader’s weekly digest without its journeys’ comfort, in its facts or its words, though the leader’s own message gives it', () => {
    const week = [...aTeamWithAJourney(), stepPlanned('s1'), stepTaken('s1', SAM, hoursAfter(T0, 1)), reflectionRecorded('r1', { comfort: 2, stepId: 's1' }, hoursAfter(T0, 2))];
    const digest = givenPolicy(week).whenTicked('2026-03-09T09:00:00.000Z').decisions[0].nudge;
    expect(renderNudgeMessage(digest).text).toContain('comfort 2');
    const data = nudgePayload(digest, new Date('2026-03-09T09:00:00.000Z')).data as Record<string, unknown>;
    expect(JSON.stringify(data)).not.toMatch(/comfort/i);
    expect(data).toMatchObject({ rule: 'WEEKLY_DIGEST', text: '1 journey under way. 1 step taken. Are we closer to where we want to be?' });
    expect(data.facts).toMatchObject({ week: '2026-03-09', journeys: 1, yes: 1, closerRate: 1, stepsTaken: 1 });
    // The teams it reports on, as a list a receiver reads without decoding it again.
    expect((data.facts as Record<string, unknown>).teamIds).toEqual([TEAM]);
  });
});
