import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolders } from '@stepwise/kernel';
import { PgliteDatabase, type PgliteDatabaseOptions } from './pglite.database';
import { PostgresDatabase } from './postgres.database';
import type { SqlDatabase } from './sql-database.port';

/** Where a process's database lives: a PostgreSQL server, or a PGlite folder (the embedded default). */
export type DatabaseTarget =
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly poolSize: number;
      readonly applicationName?: string;
      /** How long opening a session may take, in ms; unset, PostgresDatabase's default. */
      readonly connectTimeoutMs?: number;
    }
  /** Without a dataDir: in memory, gone when closed (tests). */
  | { readonly kind: 'pglite'; readonly dataDir?: string };

export interface OpenDatabaseOptions {
  /** The PGlite module to use (tests load it outside jest's module sandbox). */
  readonly pglite?: PgliteDatabaseOptions['pglite'];
}

/** Opens the SQL database a target names; a PGlite folder is locked to this process until closed. */
export const openDatabase = async (target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<SqlDatabase> => {
  if (target.kind === 'postgres') {
    return new PostgresDatabase({
      connectionString: target.url,
      max: target.poolSize,
      ...(target.applicationName && { applicationName: target.applicationName }),
      ...(target.connectTimeoutMs !== undefined && { connectTimeoutMs: target.connectTimeoutMs }),
    });
  }
  const pglite = options.pglite && { pglite: options.pglite };
  if (target.dataDir === undefined) return PgliteDatabase.open({ ...pglite });
  // PGlite makes its own folder but not the folders above it.
  await makeFolders(dirname(target.dataDir));
  // PGlite's own file system reports a file in the folder's place as an error object without a message.
  const existing = await stat(target.dataDir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new Error('it is a file, not a folder');
  return PgliteDatabase.open({ dataDir: target.dataDir, ...pglite });
};

/** Whether a PGlite folder holds a database already (opening one that does not makes a new, empty one). */
export const pgliteFolderHoldsDatabase = async (dataDir: string): Promise<boolean> =>
  (await stat(join(dataDir, 'PG_VERSION')).catch(() => undefined))?.isFile() === true;
