/**
 * The one way a process or script opens its database and event store: api, worker, the embedded
 * default, the projection runner's own pool, `migrate`, `rebuild-read-models`, tests and benches.
 * It lives here rather than in @stepwise/database because it composes the event store, which
 * sits above the database library.
 */
import { APP_ROLE, migrate, MigrationFailedError, openDatabase, pendingMigrations, pgliteFolderHoldsDatabase, unknownMigrations, type DatabaseTarget, type OpenDatabaseOptions, type SqlDatabase } from '@stepwise/database';
import { SqlEventStore, UpcasterRegistry, type EventStoreSchema } from '@stepwise/event-store';
import { CodedError, folderCannotBeMadeBecause, shownUrl, type Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';

export interface Storage {
  readonly database: SqlDatabase;
  readonly eventStore: SqlEventStore;
  /** Stops the store's subscriptions, then closes the database (and frees a PGlite folder). */
  close(): Promise<void>;
}

export interface OpenStorageOptions extends OpenDatabaseOptions {
  /** Apply pending migrations before handing the storage out (default true). */
  readonly migrate?: boolean;
  /**
   * Refuse a database a newer version of the code migrated (it holds migrations this code does not
   * know), before changing anything: every process and script that serves or changes it (the api,
   * the worker, `migrate`, the rebuilds, the demo seed) would otherwise write the old shapes into the
   * newer tables. Tests and benches opening a schema of their own leave it off.
   */
  readonly refuseNewer?: boolean;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

/**
 * A database the settings name but this process cannot use, as a refusal naming the setting: the
 * operator learns what to fix, not where in the code it failed. Coded refusals (a locked folder)
 * already say so and pass as they are.
 */
/**
 * Why, in words: an Error's message; PGlite's file system throws plain objects (`ErrnoError` with an
 * `errno`) that would otherwise read "[object Object]".
 */
const reasonOf = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { name, errno, message } = error as { name?: unknown; errno?: unknown; message?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (typeof name === 'string' || typeof errno === 'number') return `${typeof name === 'string' ? name : 'error'}${typeof errno === 'number' ? ` (errno ${errno})` : ''}`;
  }
  return String(error);
};

const unusable = (target: DatabaseTarget, error: unknown): unknown => {
  if (error instanceof CodedError) return error;
  const reason = reasonOf(error);
  if (target.kind === 'postgres') return new CodedError('DATABASE_UNREACHABLE', `STEPWISE_DATABASE_URL (${shownUrl(target.url)}) cannot be used: ${reason}`);
  return new CodedError('DATA_FOLDER_UNUSABLE', `STEPWISE_DATA_DIR (${target.dataDir ?? 'in memory'}) cannot be used: ${reason}`);
};

/**
 * The embedded database's folder, checked before anything else is made (key files default beside
 * it): one that could not be made or used is DATA_FOLDER_UNUSABLE at once, naming the setting.
 */
export const checkDataFolder = async (target: DatabaseTarget): Promise<void> => {
  if (target.kind !== 'pglite' || target.dataDir === undefined) return;
  const problem = await folderCannotBeMadeBecause(target.dataDir);
  if (problem) throw unusable(target, new Error(problem));
};

/**
 * A process told not to migrate (STEPWISE_MIGRATE_ON_BOOT=false, migrations run as their own step)
 * on a database that step has not brought up to date: refused at boot, naming what to run, rather
 * than serving errors or failing at its first statement with a stack trace.
 */
const refuseIfBehind = async (database: SqlDatabase, schema: EventStoreSchema): Promise<void> => {
  const pending = await pendingMigrations(database, schema.migrations);
  if (pending.length === 0) return;
  throw new CodedError(
    'MIGRATIONS_PENDING',
    `STEPWISE_MIGRATE_ON_BOOT is false and the database lacks ${pending.length} migration${pending.length === 1 ? '' : 's'} (${pending[0]}${pending.length > 1 ? ', …' : ''}): run \`npm run migrate\` first, or set STEPWISE_MIGRATE_ON_BOOT=true`,
    { pending },
  );
};

const refuseIfNewer = async (database: SqlDatabase, schema: EventStoreSchema): Promise<void> => {
  const unknown = await unknownMigrations(database, schema.migrations);
  if (unknown.length === 0) return;
  throw new CodedError(
    'DATABASE_NEWER_THAN_CODE',
    `the database holds ${unknown.length} migration${unknown.length === 1 ? '' : 's'} this version of Stepwise does not know (${unknown[0]}${unknown.length > 1 ? ', …' : ''}): a newer version migrated it; run that version (nothing was changed)`,
    { unknown },
  );
};

/**
 * Every tenant-scoped read and write runs as the application role, so row-level security holds
 * whoever connects. A login that cannot take it would boot, answer every mutation unprojected and
 * fill no read model, with only "permission denied" in the log. A login allowed to grant it (one
 * with CREATEROLE, as managed PostgreSQL gives its admin login, which may have made the role
 * itself) grants it to itself; any other is refused at boot, saying what to grant. Checked before
 * migrating where the role exists already (nothing is applied), and after. PostgreSQL 16 tells
 * membership apart from the right to SET ROLE; before it, membership is that right.
 */
const APP_ROLE_TAKEN = `SELECT current_user AS login, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') AS role_exists,
  EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}')
    AND pg_has_role(current_user, '${APP_ROLE}', CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) AS can_set`;

const quotedIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const refuseWithoutAppRole = async (database: SqlDatabase, { roleMustExist }: { roleMustExist: boolean }): Promise<void> => {
  const taken = async () => (await database.query<{ login: string; role_exists: boolean; can_set: boolean }>(APP_ROLE_TAKEN)).rows[0];
  const first = await taken();
  if (first.can_set || (!first.role_exists && !roleMustExist)) return;
  const login = quotedIdentifier(first.login);
  if (first.role_exists) {
    await database.query(`GRANT ${APP_ROLE} TO ${login}`).catch(() => undefined);
    if ((await taken()).can_set) return;
  }
  throw new CodedError(
    'APP_ROLE_NOT_GRANTED',
    `the database login ${login} cannot take the role ${APP_ROLE}, which every tenant-scoped read and write runs as (row-level security), nor grant it to itself; as a superuser, or a login with CREATEROLE, run: GRANT ${APP_ROLE} TO ${login}`,
    { login: first.login, role: APP_ROLE },
  );
};

/**
 * The login may not do what opening needs (read or create the migrations' table, create a table):
 * a coded refusal saying which login and what to do, not the driver's error with its stack.
 * PostgreSQL's insufficient_privilege is SQLSTATE 42501; a migration's own is wrapped the same.
 */
const INSUFFICIENT_PRIVILEGE = '42501';
const permissionRefusal = async (database: SqlDatabase, error: unknown): Promise<unknown> => {
  const cause = error instanceof MigrationFailedError ? error.cause : error;
  if ((cause as { code?: unknown } | null)?.code !== INSUFFICIENT_PRIVILEGE) return error;
  const login = await database
    .query<{ login: string }>('SELECT current_user AS login')
    .then(({ rows }) => rows[0]?.login ?? 'this login')
    .catch(() => 'this login');
  return new CodedError(
    'DATABASE_PERMISSION_DENIED',
    `the database login ${quotedIdentifier(login)} may not change or read Stepwise's tables (${reasonOf(cause)}): run migrations, and the processes that apply them at boot, as the database's owner (or a login that may create in its schema)`,
    { login },
  );
};

/**
 * Told not to migrate, on a PGlite folder that holds no database yet: opening it would make one (some
 * 40 MB) only to refuse it as MIGRATIONS_PENDING. Refused before anything is made.
 */
const refuseEmptyFolderUnmigrated = async (target: DatabaseTarget, schema: EventStoreSchema): Promise<void> => {
  if (target.kind !== 'pglite' || target.dataDir === undefined || (await pgliteFolderHoldsDatabase(target.dataDir))) return;
  throw new CodedError(
    'MIGRATIONS_PENDING',
    `STEPWISE_MIGRATE_ON_BOOT is false and STEPWISE_DATA_DIR (${target.dataDir}) holds no database yet: run \`npm run migrate\` first, or set STEPWISE_MIGRATE_ON_BOOT=true (nothing was made)`,
    { pending: schema.migrations.map(({ name }) => name) },
  );
};

export const openStorage = async (target: DatabaseTarget, schema: EventStoreSchema, options: OpenStorageOptions = {}): Promise<Storage> => {
  // Refused (a duplicate or malformed upcaster) before anything is opened: nothing to close, no folder held.
  const upcasters = new UpcasterRegistry(schema.upcasters);
  if (options.migrate === false) await refuseEmptyFolderUnmigrated(target, schema);
  const database = await openDatabase(target, options).catch((error: unknown) => {
    throw unusable(target, error);
  });
  try {
    // PostgreSQL connects on first use: a server that cannot be reached, a database that does not
    // exist or a refused login is told apart from what the migrations do.
    if (target.kind === 'postgres') await database.query('SELECT 1').catch((error: unknown) => {
      throw unusable(target, error);
    });
    // Before anything is read or applied, where the role exists already; once more after, where a migration made it.
    if (target.kind === 'postgres') await refuseWithoutAppRole(database, { roleMustExist: false });
    if (options.refuseNewer) await refuseIfNewer(database, schema);
    if (options.migrate !== false) {
      const applied = await migrate(database, schema.migrations).catch((error: unknown) => {
        // The terminal gets the coded line; the database's error, with its stack, goes to the log.
        if (error instanceof MigrationFailedError) options.logger?.error({ err: error.cause, migration: error.migration }, 'migration failed');
        throw error;
      });
      if (applied.length > 0) options.logger?.info({ migrations: applied }, 'Applied database migrations');
    } else {
      await refuseIfBehind(database, schema);
    }
    if (target.kind === 'postgres') await refuseWithoutAppRole(database, { roleMustExist: true });
  } catch (error) {
    const refusal = target.kind === 'postgres' ? await permissionRefusal(database, error) : error;
    await database.close();
    throw refusal;
  }
  const eventStore = new SqlEventStore(database, {
    upcasters,
    ...(options.clock && { clock: options.clock }),
  });
  return {
    database,
    eventStore,
    close: async () => {
      await eventStore.close();
      await database.close();
    },
  };
};
