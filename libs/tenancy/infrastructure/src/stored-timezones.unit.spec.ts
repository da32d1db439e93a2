import { StoredTimezones } from './stored-timezones';

describe('stored timezones', () => {
  it('reads a zone the timezone rule takes as the rule takes it', () => {
    const timezones = new StoredTimezones(() => {
      throw new Error('no warning expected');
    });
    expect(timezones.usable('Europe/London')).toBe('Europe/London');
    expect(timezones.usable('europe/london')).toBe('Europe/London');
    expect(timezones.usable('UTC')).toBe('UTC');
  });

  it('reads one it no longer takes as UTC, and reports each such zone once', () => {
    const reported: string[] = [];
    const timezones = new StoredTimezones((zone) => reported.push(zone));
    expect(['Mars/Olympus', 'UTC+5', 'PST', 'Mars/Olympus', 'UTC+5', ''].map((zone) => timezones.usable(zone))).toEqual(['UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC']);
    expect(reported).toEqual(['Mars/Olympus', 'UTC+5', 'PST', '']);
  });
});
