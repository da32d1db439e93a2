import { testDatabaseUrl } from '@stepwise/test-support';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { migrate } from './migration.runner';
import { PgliteDatabase } from './pglite.database';
import { PostgresDatabase } from './postgres.database';

// Stands for any library's first migrations: applied in the same run as the ones under test.
const baseMigrations = [{ name: 'base/001', sql: 'CREATE TABLE IF NOT EXISTS migration_base (id int PRIMARY KEY)' }];

describe('migrate', () => {
  it('applies each migration once when several processes boot together on PostgreSQL', async () => {
    const suffix = `${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const migrations = [
      { name: `test/${suffix}/001`, sql: `CREATE TABLE boot_${suffix} (id int PRIMARY KEY); INSERT INTO boot_${suffix} VALUES (1);` },
      { name: `test/${suffix}/002`, sql: `ALTER TABLE boot_${suffix} ADD COLUMN note text;` },
    ];
    const processes = Array.from({ length: 4 }, () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1 }));
    try {
      const applied = await Promise.all(processes.map((db) => migrate(db, [...baseMigrations, ...migrations])));
      expect(applied.flat().filter((name) => name.startsWith('test/')).sort()).toEqual(migrations.map((m) => m.name));
      expect(await migrate(processes[0], migrations)).toEqual([]);
      const { rows } = await processes[0].query(`SELECT count(*)::int AS n FROM boot_${suffix}`);
      expect(rows).toEqual([{ n: 1 }]);
      await expect(migrate(processes[0], [{ ...migrations[0], sql: 'SELECT 1' }])).rejects.toMatchObject({ code: 'MIGRATION_CHANGED' });
    } finally {
      await Promise.all(processes.map((db) => db.close()));
    }
  });

  it('is all or nothing: a failing migration leaves no trace', async () => {
    const db = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() });
    try {
      await expect(
        migrate(db, [
          { name: 'test/ok', sql: 'CREATE TABLE ok_table (id int)' },
          { name: 'test/broken', sql: 'CREATE TABLE broken (' },
        ]),
      ).rejects.toMatchObject({ code: 'MIGRATION_FAILED', migration: 'test/broken', details: { rolledBack: ['test/ok'] } });
      const { rows } = await db.query(`SELECT to_regclass('ok_table') AS t, to_regclass('schema_migrations') AS m`);
      expect(rows).toEqual([{ t: null, m: null }]);
      expect(await migrate(db, baseMigrations)).toEqual(baseMigrations.map((m) => m.name));
      expect(await migrate(db, baseMigrations)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
