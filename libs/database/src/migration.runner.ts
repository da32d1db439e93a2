/**
 * Applies named SQL migrations once each, in order, recording them in `schema_migrations`. All of a
 * run happens in one transaction under an advisory lock, so processes booting together apply each
 * migration exactly once and a failed migration leaves nothing half-applied. A migration already
 * applied whose SQL has since changed is refused: edit by adding a new migration.
 */
import { createHash } from 'node:crypto';
import { CodedError } from '@stepwise/kernel';
import type { SqlDatabase, SqlExecutor } from './sql-database.port';

export interface Migration {
  /** Unique across every library sharing the database; prefix it with the library, e.g. `event-store/001-…`. */
  readonly name: string;
  readonly sql: string;
}

// Any fixed number works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_303_295_112;

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * A migration whose SQL the database refused (or lost the session running it). The whole run is one
 * transaction, so nothing of it stays: not that migration, nor those before it in the same run.
 * `cause` holds the database's error, with its stack, for the log.
 */
export class MigrationFailedError extends CodedError {
  constructor(
    readonly migration: string,
    rolledBack: readonly string[],
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const earlier =
      rolledBack.length === 0
        ? 'the migrations applied by earlier runs stay'
        : `the ${rolledBack.length} migration${rolledBack.length === 1 ? '' : 's'} before it in this run ${rolledBack.length === 1 ? 'was' : 'were'} rolled back with it; those applied by earlier runs stay`;
    super('MIGRATION_FAILED', `${migration}: ${reason}; nothing of this run was applied (migrations run in one transaction): ${earlier}`, {
      migration,
      rolledBack,
    });
  }
}

/** Returns the names applied by this call (empty when the schema was already current). */
export const migrate = async (db: SqlDatabase, migrations: readonly Migration[]): Promise<string[]> =>
  db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const ran: string[] = [];
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const previous = applied.get(migration.name);
      if (previous === sum) continue;
      if (previous !== undefined) {
        throw new CodedError('MIGRATION_CHANGED', `Migration ${migration.name} was applied with different SQL`, { name: migration.name });
      }
      await tx.exec(migration.sql).catch((error: unknown) => {
        throw new MigrationFailedError(migration.name, [...ran], error);
      });
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [migration.name, sum]);
      ran.push(migration.name);
    }
    return ran;
  });

/** Whether any migration was ever applied to the database (it holds the migrations' table). */
export const wasEverMigrated = async (db: SqlExecutor): Promise<boolean> => {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  return rows[0]?.present === true;
};

/** The names of `migrations` not yet applied to the database (all of them when it was never migrated). */
export const pendingMigrations = async (db: SqlExecutor, migrations: readonly Migration[]): Promise<string[]> => {
  if (!(await wasEverMigrated(db))) return migrations.map((migration) => migration.name);
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.name));
  return migrations.filter((migration) => !applied.has(migration.name)).map((migration) => migration.name);
};

/**
 * The names of migrations the database has applied that `migrations` does not hold: it was migrated
 * by a newer version of the code (empty when it was never migrated).
 */
export const unknownMigrations = async (db: SqlExecutor, migrations: readonly Migration[]): Promise<string[]> => {
  if (!(await wasEverMigrated(db))) return [];
  const known = new Set(migrations.map((migration) => migration.name));
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY applied_at, name');
  return rows.map((row) => row.name).filter((name) => !known.has(name));
};
