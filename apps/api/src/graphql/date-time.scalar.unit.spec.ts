import { Kind } from 'graphql';
import { DateTimeScalar } from './date-time.scalar';

const read = (value: unknown): number => (DateTimeScalar.parseValue(value) as Date).getTime();

describe('DateTime scalar', () => {
  it('reads an ISO 8601 timestamp with a timezone as its instant, expanded years included', () => {
    expect(new Date(read('2026-03-01T17:30:00+01:00')).toISOString()).toBe('2026-03-01T16:30:00.000Z');
    expect(new Date(read('2028-02-29T10:00Z')).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(new Date(read('+010000-01-01T00:00:00.000Z')).toISOString()).toBe('+010000-01-01T00:00:00.000Z');
  });

  it('reads a lower-case t and z, as RFC 3339 allows', () => {
    expect(new Date(read('2026-12-06t10:40:00z')).toISOString()).toBe('2026-12-06T10:40:00.000Z');
    expect(new Date(read('2026-12-06t10:40:00+01:00')).toISOString()).toBe('2026-12-06T09:40:00.000Z');
  });

  it('reads anything that names no real instant as an invalid date, for the field to refuse, never a guess', () => {
    for (const value of ['2026-02-30T10:00:00Z', '2026-01-01T24:00:00Z', '2026', 'March 1', '2026-01-01T10:00', '2026-01-01', 0, true, [1], {}, null]) {
      expect({ value, time: read(value) }).toEqual({ value, time: Number.NaN });
    }
  });

  it('reads an inline literal that is not a string as an invalid date, not as no value', () => {
    expect((DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '5' }) as Date).getTime()).toBeNaN();
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-02-30T10:00:00Z' }) as Date).getTime()).toBeNaN();
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-03-02T10:00:00Z' }) as Date).toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });
});
