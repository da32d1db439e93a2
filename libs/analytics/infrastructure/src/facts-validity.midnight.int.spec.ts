/**
 * The next midnight in a member's timezone, as `stable_until` takes it: the first instant whose local
 * date is the next day, by the engine's own timezone rules (the same rules its overdue test reads
 * dates with), around clocks turned back across midnight (Cuba: 01:00 back to 00:00, when
 * PostgreSQL reads 00:00 as the later of its two instants), turned back to the day before
 * (Chile, Lebanon: 00:00 back to 23:00), skipped midnights and a skipped day (Samoa, 2011).
 */
import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { nextMidnightSql } from './facts-validity.sql';

const HOUR = 3_600_000;

/** Days around which clocks changed near midnight, in zones where they did. */
const CHANGES: readonly [zone: string, day: string][] = [
  ['America/Havana', '2024-11-03'],
  ['America/Havana', '2025-11-02'],
  ['America/Havana', '2026-11-01'],
  ['America/Havana', '2026-03-08'],
  ['America/Santiago', '2026-04-05'],
  ['America/Santiago', '2026-09-06'],
  ['Asia/Beirut', '2025-10-26'],
  ['America/Sao_Paulo', '2019-02-17'],
  ['Pacific/Apia', '2011-12-30'],
  ['Australia/Lord_Howe', '2026-04-05'],
  ['Europe/London', '2026-10-25'],
];

interface Row {
  readonly at: string;
  readonly day_at_now: string;
  readonly day_at: string;
  readonly day_just_before: string;
}

const engines: ReadonlyArray<[string, () => Promise<SqlDatabase>]> = [
  ['PostgreSQL', async () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 2 })],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

describe.each(engines)('the next midnight in a timezone, on %s', (_engine, open) => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('is the first instant of the next local day, every half hour over two days around each change', async () => {
    const nows: string[] = [];
    const zones: string[] = [];
    for (const [zone, day] of CHANGES) {
      const start = Date.parse(`${day}T00:00:00Z`) - 36 * HOUR;
      for (let at = start; at <= start + 72 * HOUR; at += HOUR / 2) {
        nows.push(new Date(at + 17_000).toISOString());
        zones.push(zone);
      }
    }
    const { rows } = await db.query<Row>(
      `SELECT ${nextMidnightSql('c.now', 'c.zone')}::text AS at,
              (c.now AT TIME ZONE c.zone)::date::text AS day_at_now,
              (to_timestamp(${nextMidnightSql('c.now', 'c.zone')} / 1000.0) AT TIME ZONE c.zone)::date::text AS day_at,
              ((to_timestamp(${nextMidnightSql('c.now', 'c.zone')} / 1000.0) - interval '1 millisecond') AT TIME ZONE c.zone)::date::text AS day_just_before
         FROM unnest($1::timestamptz[], $2::text[]) AS c(now, zone)`,
      [nows, zones],
    );
    expect(rows).toHaveLength(nows.length);
    const wrong = rows.flatMap((row, index) => {
      const next = Number(row.at);
      const fine = next > Date.parse(nows[index]) && row.day_at > row.day_at_now && row.day_just_before <= row.day_at_now;
      return fine ? [] : [{ zone: zones[index], now: nows[index], ...row, at: new Date(next).toISOString() }];
    });
    expect(wrong).toEqual([]);
  });

  it('turns the date at the first of two midnights where clocks go back from 01:00 to 00:00', async () => {
    const { rows } = await db.query<{ at: string }>(`SELECT ${nextMidnightSql("'2024-11-03T03:30:00Z'", "'America/Havana'")}::text AS at`);
    expect(new Date(Number(rows[0].at)).toISOString()).toBe('2024-11-03T04:00:00.000Z');
  });
});
