/**
 * PostgreSQL inside PGlite runs with a buffer cache sized for the embedded default (see
 * PGLITE_SETTINGS in pglite.database.ts): the cache lives in the process's own memory, which never
 * shrinks, and PostgreSQL's 128 MB default kept `npm start` about 100 MB larger at rest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { PgliteDatabase } from './pglite.database';

describe('PGlite settings', () => {
  it('keeps a 32 MB buffer cache, not PostgreSQL’s 128 MB default, and initdb’s own settings beside it', async () => {
    // A folder that is there (empty): the cluster is made as the product makes it, not from the tests' template, which keeps its own settings.
    const dataDir = await mkdtemp(join(tmpdir(), 'stepwise-pglite-settings-'));
    const db = await PgliteDatabase.open({ dataDir, pglite: pgliteOutsideSandbox() });
    try {
      const { rows } = await db.query<{ shared_buffers: string; timezone: string; text_search: string }>(
        "SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('TimeZone') AS timezone, current_setting('default_text_search_config') AS text_search",
      );
      // What initdb wrote in postgresql.conf still holds (UTC, not PostgreSQL's built-in GMT): the setting is added, the file left as it is.
      expect(rows[0]).toEqual({ shared_buffers: '32MB', timezone: 'UTC', text_search: 'pg_catalog.english' });
    } finally {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    // A new cluster's initdb inside WebAssembly: seconds of CPU, more on a busy machine.
  }, 120_000);
});
