/**
 * The worker's housekeeping of the embedded database: a pass does the work and says what it did, a
 * failing pass is told once until one succeeds again, and on PostgreSQL nothing is scheduled.
 */
import { PgliteDatabase } from '@stepwise/database';
import type { Runtime } from '@stepwise/platform';
import { loggedLines, pgliteOutsideSandbox } from '@stepwise/test-support';
import { EmbeddedHousekeepingService } from './embedded-housekeeping.service';

describe('EmbeddedHousekeepingService', () => {
  it('housekeeps the embedded database, and tells a failure once until a pass succeeds again', async () => {
    const { lines, logger } = loggedLines();
    const database = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() });
    const service = new EmbeddedHousekeepingService({ database, logger } as unknown as Runtime);
    try {
      await database.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
      await database.exec("INSERT INTO notes SELECT g, 'x' FROM generate_series(1, 100) g");
      for (let time = 0; time < 3; time += 1) await database.exec("UPDATE notes SET body = body || 'y'");
      await service.runPass();
      expect(lines).toEqual([expect.objectContaining({ msg: 'embedded database housekept', vacuumed: ['public.notes'], component: 'embedded-housekeeping' })]);
      const { rows } = await database.query<{ dead: number }>("SELECT n_dead_tup::int AS dead FROM pg_stat_user_tables WHERE relname = 'notes'");
      expect(rows[0].dead).toBe(0);

      await database.exec('REVOKE ALL ON FUNCTION pg_stat_force_next_flush() FROM PUBLIC');
      await database.exec('CREATE ROLE housekeeping_test_denied');
      await database.exec('SET ROLE housekeeping_test_denied');
      await service.runPass();
      await service.runPass();
      expect(lines.slice(1).map((line) => [line.level, line.msg])).toEqual([[40, 'embedded database housekeeping failed; it tries again every minute']]);
      await database.exec('RESET ROLE');
      await service.runPass();
      expect(lines.slice(2).map((line) => [line.level, line.msg])).toEqual([[30, 'embedded database housekeeping works again']]);
    } finally {
      await service.onApplicationShutdown();
      await database.close();
    }
  }, 120_000);

  it('schedules nothing on PostgreSQL, which housekeeps itself', async () => {
    const { lines, logger } = loggedLines();
    const setInterval = jest.spyOn(global, 'setInterval');
    try {
      new EmbeddedHousekeepingService({ database: { engine: 'postgres' }, logger } as unknown as Runtime).onApplicationBootstrap();
      expect(setInterval).not.toHaveBeenCalled();
      expect(lines).toEqual([]);
    } finally {
      setInterval.mockRestore();
    }
  });
});
