import { knownTimezone } from '@stepwise/nudges-domain';
import { UnreadableTimezones } from './unreadable-timezones';

describe('unreadable member timezones', () => {
  it('reports each zone the policy reads as UTC once, however often it is seen', () => {
    const reported: string[] = [];
    const timezones = new UnreadableTimezones((zone) => reported.push(zone));
    const seen = ['Mars/Olympus', 'UTC+5', 'Mars/Olympus', 'Europe/Nowhere', 'UTC+5', 'Mars/Olympus'];
    expect(seen.map(knownTimezone)).toEqual(seen.map(() => 'UTC'));
    for (const zone of seen) timezones.check(zone);
    expect(reported).toEqual(['Mars/Olympus', 'UTC+5', 'Europe/Nowhere']);
  });

  it('says nothing of a zone it knows, or of none', () => {
    const timezones = new UnreadableTimezones((zone) => {
      throw new Error(`no warning expected, got ${zone}`);
    });
    for (const zone of ['Europe/London', 'UTC', 'America/St_Johns', null, undefined]) timezones.check(zone);
  });
});
