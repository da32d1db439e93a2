/**
 * The embedded database's housekeeping against a real PGlite folder: rows updated over and over
 * take no more room once their old versions are vacuumed between rounds, the planner's statistics
 * are brought up to date, and the write-ahead log stops growing once checkpoints are taken.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { CHECKPOINT_AFTER_BYTES, housekeepEmbedded } from './pglite-housekeeping';
import { PgliteDatabase } from './pglite.database';

const folderBytes = async (folder: string): Promise<number> => {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
};

describe('housekeeping of the embedded database', () => {
  let dataDir: string;
  let db: PgliteDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stepwise-housekeeping-'));
    db = await PgliteDatabase.open({ dataDir, pglite: pgliteOutsideSandbox() });
    // Documents large enough to be kept out of line (TOAST), as the nudge policy's are: an update writes them anew.
    await db.exec('CREATE TABLE documents (id int PRIMARY KEY, body text NOT NULL)');
    await db.exec('INSERT INTO documents SELECT g, $$$$ FROM generate_series(1, 50) g');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const tableBytes = async (): Promise<number> => Number((await db.query<{ size: string }>("SELECT pg_table_size('documents')::text AS size")).rows[0].size);
  /** Every document written anew, `times` over, each time 4 KB that does not compress. */
  const rewriteAll = async (times: number): Promise<void> => {
    for (let time = 0; time < times; time += 1) {
      await db.exec("UPDATE documents SET body = (SELECT string_agg(md5(random()::text || g::text || id::text), '') FROM generate_series(1, 128) g)");
    }
  };

  it('vacuums and analyses a table of documents written over and over, which then stops growing', async () => {
    await rewriteAll(2);
    await housekeepEmbedded(db);
    // Left alone, ten rounds grow it by every version written.
    const before = await tableBytes();
    await rewriteAll(10);
    const unkept = (await tableBytes()) - before;
    expect(unkept).toBeGreaterThan(10 * 50 * 4096);
    const first = await housekeepEmbedded(db);
    expect(first.vacuumed).toContain('public.documents');
    const { rows } = await db.query<{ dead: number; analysed: boolean }>(
      "SELECT n_dead_tup::int AS dead, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = 'documents'",
    );
    expect(rows[0]).toEqual({ dead: 0, analysed: true });
    // Kept between rounds, thirty rounds reuse the room the vacuums free.
    const settled = await tableBytes();
    for (let round = 0; round < 30; round += 1) {
      await rewriteAll(1);
      await housekeepEmbedded(db);
    }
    expect((await tableBytes()) - settled).toBeLessThan(unkept / 2);
    // Nothing changed since: nothing to do.
    await housekeepEmbedded(db);
    expect(await housekeepEmbedded(db)).toEqual({ vacuumed: [], analysed: [], checkpointed: false });
  }, 120_000);

  it('takes a checkpoint once the log since the last one passes the bound, and the log then stops growing', async () => {
    await db.exec('CREATE TABLE filler (id bigserial PRIMARY KEY, pad text NOT NULL)');
    const write = (): Promise<void> => db.exec("INSERT INTO filler (pad) SELECT repeat('x', 200) FROM generate_series(1, 50000)");
    const wal = join(dataDir, 'pg_wal');
    await write();
    await write();
    expect((await housekeepEmbedded(db)).checkpointed).toBe(true);
    const since = Number((await db.query<{ since: string }>('SELECT (pg_current_wal_lsn() - redo_lsn)::bigint::text AS since FROM pg_control_checkpoint()')).rows[0].since);
    expect(since).toBeLessThan(CHECKPOINT_AFTER_BYTES);
    const settled = await folderBytes(wal);
    for (let round = 0; round < 4; round += 1) {
      await write();
      await write();
      await housekeepEmbedded(db);
    }
    // Four rounds wrote about as much log again as the folder held: with checkpoints its files are reused.
    expect(await folderBytes(wal)).toBeLessThanOrEqual(settled + 2 * 16 * 2 ** 20);
  }, 120_000);
});
