/**
 * PGlite databases that start with a schema's migrations applied: a cluster migrated once through
 * the apps' own factory (openStorage), dumped into the temporary folder under the checksum of the
 * migrations and the PGlite version, and loaded by each new database after (pglite-module.ts). So a
 * spec on PGlite no longer runs some 440 migration statements in WebAssembly each time it opens one;
 * opening still checks every migration against its checksum. A change to any migration names
 * another tarball, made at its first use.
 */
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { EventStoreSchema } from '@stepwise/event-store';
import { openStorage } from '@stepwise/platform';
import { cachedTarball, initdbTemplate, pgliteOutsideSandbox, type PgliteModule, type PgliteTemplate } from './pglite-module';

const checksumOf = (schema: EventStoreSchema, version: string): string =>
  createHash('sha256')
    .update(version)
    .update(JSON.stringify(schema.migrations.map(({ name, sql }) => [name, sql])))
    .digest('hex')
    .slice(0, 16);

const migratedTemplate =
  (schema: EventStoreSchema): PgliteTemplate =>
  (_real, version) =>
    cachedTarball('stepwise-pglite-migrated-', checksumOf(schema, version), async () => {
      let migrated: PGlite | undefined;
      const storage = await openStorage({ kind: 'pglite' }, schema, { pglite: pgliteOutsideSandbox(initdbTemplate, (db) => (migrated = db)) });
      try {
        if (!migrated) throw new Error('the migrated PGlite database was not seen opening');
        await migrated.query('CHECKPOINT');
        return await migrated.dumpDataDir('none');
      } finally {
        await storage.close();
      }
    });

/** PGlite, outside jest's sandbox, each new database starting with `schema`'s migrations applied. */
export const pgliteMigrated = (schema: EventStoreSchema): PgliteModule => pgliteOutsideSandbox(migratedTemplate(schema));
