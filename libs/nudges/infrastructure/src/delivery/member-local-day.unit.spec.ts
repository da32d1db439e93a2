import { localDayOf } from './member-local-day';

describe("a member's local day", () => {
  it('runs from local midnight to local midnight', () => {
    expect(localDayOf(new Date('2026-03-02T09:00:00Z'), 'UTC')).toEqual({ start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') });
    expect(localDayOf(new Date('2026-03-02T09:00:00Z'), 'Asia/Tokyo')).toEqual({ start: new Date('2026-03-01T15:00:00Z'), end: new Date('2026-03-02T15:00:00Z') });
  });

  it('is the local date, not the UTC one, near midnight', () => {
    // 23:30 on 1 March in New York is already 2 March in UTC.
    expect(localDayOf(new Date('2026-03-02T04:30:00Z'), 'America/New_York')).toEqual({ start: new Date('2026-03-01T05:00:00Z'), end: new Date('2026-03-02T05:00:00Z') });
  });

  it('is 23 hours long on the day the clocks go forward', () => {
    const day = localDayOf(new Date('2026-03-29T12:00:00Z'), 'Europe/London');
    expect(day).toEqual({ start: new Date('2026-03-29T00:00:00Z'), end: new Date('2026-03-29T23:00:00Z') });
  });
});
