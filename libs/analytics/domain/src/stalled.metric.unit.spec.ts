import { isOverdue } from './commitment.metric';
import { daysQuiet, isStalled } from './stalled.metric';

const at = (iso: string): Date => new Date(iso);
const now = at('2026-11-30T12:00:00Z');

describe('stalled journeys', () => {
  it('an active journey is stalled from exactly N days after its last step taken', () => {
    const journey = { status: 'ACTIVE' as const, startedAt: at('2026-01-01T00:00:00Z'), lastStepTakenAt: at('2026-11-16T12:00:00Z') };
    expect(isStalled(journey, now, 14)).toBe(true);
    expect(isStalled(journey, now, 15)).toBe(false);
    expect(daysQuiet(journey, now)).toBe(14);
  });

  it('one that never took a step counts from its start; paused or finished journeys never stall', () => {
    expect(isStalled({ status: 'ACTIVE', startedAt: at('2026-11-01T00:00:00Z'), lastStepTakenAt: null }, now, 14)).toBe(true);
    expect(isStalled({ status: 'PAUSED', startedAt: at('2026-01-01T00:00:00Z'), lastStepTakenAt: null }, now, 14)).toBe(false);
    expect(isStalled({ status: 'COMPLETED', startedAt: at('2026-01-01T00:00:00Z'), lastStepTakenAt: null }, now, 14)).toBe(false);
  });

  it('a resumed journey counts from its resume when that is later than its last step: the pause is not a quiet stretch', () => {
    const back = { status: 'ACTIVE' as const, startedAt: at('2026-01-01T00:00:00Z'), lastStepTakenAt: at('2026-10-01T12:00:00Z'), resumedAt: at('2026-11-20T12:00:00Z') };
    expect(isStalled(back, now, 14)).toBe(false);
    expect(daysQuiet(back, now)).toBe(10);
    expect(isStalled({ ...back, lastStepTakenAt: at('2026-11-25T12:00:00Z') }, now, 14)).toBe(false);
    expect(daysQuiet({ ...back, lastStepTakenAt: at('2026-11-25T12:00:00Z') }, now)).toBe(5);
    expect(isStalled({ ...back, resumedAt: at('2026-09-01T00:00:00Z') }, now, 14)).toBe(true);
  });
});

describe('overdue commitments, in the member timezone', () => {
  it('is overdue once the due date has passed where the member is', () => {
    const due = { status: 'OPEN' as const, dueOn: '2026-11-30' };
    // 12:00 UTC on 30 Nov: still the 30th in London, already 1 Dec in Auckland.
    expect(isOverdue(due, now, 'Europe/London')).toBe(false);
    expect(isOverdue(due, now, 'Pacific/Auckland')).toBe(true);
    expect(isOverdue({ status: 'KEPT', dueOn: '2026-11-01' }, now, 'UTC')).toBe(false);
  });
});
