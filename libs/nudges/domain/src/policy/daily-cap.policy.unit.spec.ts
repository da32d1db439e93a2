/** The daily cap, counted over the recipient's own local day. */
import { capDayOf, dailyCapRelevance } from './daily-cap.policy';

describe('the daily cap', () => {
  it('lets nudges through until the day has had its cap, then suppresses with DAILY_CAP_REACHED', () => {
    expect(dailyCapRelevance(0, 3)).toEqual({ relevant: true });
    expect(dailyCapRelevance(2, 3)).toEqual({ relevant: true });
    expect(dailyCapRelevance(3, 3)).toEqual({ relevant: false, reason: 'DAILY_CAP_REACHED', detail: 'DAILY_CAP_REACHED' });
  });

  it('holds a stored cap outside the allowed range to it', () => {
    expect(dailyCapRelevance(0, 0).relevant).toBe(true);
    expect(dailyCapRelevance(50, 500).relevant).toBe(false);
  });

  it('counts the recipient’s local day: Auckland’s Tuesday starts at 11:00 UTC on Monday', () => {
    expect(capDayOf(new Date('2026-03-02T12:00:00.000Z'), 'Pacific/Auckland')).toEqual({
      date: '2026-03-03',
      start: new Date('2026-03-02T11:00:00.000Z'),
      end: new Date('2026-03-03T11:00:00.000Z'),
    });
  });

  it('has a 25-hour day when the clocks go back', () => {
    const day = capDayOf(new Date('2026-10-25T12:00:00.000Z'), 'Europe/London');
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * 3_600_000);
  });
});
