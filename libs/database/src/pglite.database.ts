/**
 * SqlDatabase over PGlite: PostgreSQL in WebAssembly, in this process, one session. Every call takes
 * one exclusive turn on that session, so a plain `query` can never run inside someone else's open
 * transaction (PGlite itself would interleave it there). See README.md for durability.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type * as pgliteModule from '@electric-sql/pglite';
import type { messages as wire, PGlite } from '@electric-sql/pglite';
import { CodedError } from '@stepwise/kernel';
import type { Lease, QueryOptions, SqlDatabase, SqlExecutor, SqlResult, TransactionOptions } from './sql-database.port';
import { assertChannel } from './listen-channel';
import { lockDataFolder, type FolderLock } from './pglite-folder.lock';
import { appRoleForTenantSql } from './tenant-scope';
import { assertReadStatement, TenantReadOnlyError } from './tenant-scoped.pool';

/**
 * PostgreSQL's settings inside PGlite. Its buffer cache lives in the process's own memory (the
 * WebAssembly heap, which never shrinks), and PostgreSQL's default of 128 MB made `npm start`
 * 393 MB resident at rest; 32 MB makes it 273 MB. The embedded default's data is small, and pages
 * beyond the cache come from the operating system's file cache: catch-up, appends and stream reads
 * measured the same in `npm run bench:event-store -- --only pglite` (16 MB cost catch-up 15%).
 * Given as start parameters beside PGlite's own: its `postgresqlconf` option would replace the
 * cluster's whole postgresql.conf (and with it initdb's timezone, locale and text search settings).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB'];

export interface PgliteDatabaseOptions {
  /** A directory for the data files; omitted: in memory, gone when the process ends. */
  readonly dataDir?: string;
  /**
   * The PGlite module to start. Tests pass one loaded outside jest's module sandbox, which refuses
   * the dynamic import() PGlite uses to load its WebAssembly (electric-sql/pglite#224).
   */
  readonly pglite?: Pick<typeof pgliteModule, 'PGlite'>;
}

interface PgliteQueryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  /** A finished transaction, or a closed database: PGlite's own `query` then fails with a clear error. */
  readonly closed: boolean;
}

/**
 * PGlite's own `query` sends Parse, Describe, Bind, Describe, Execute and Sync as six calls into the
 * WebAssembly engine, and parses and plans the statement every time. A parameterised statement is
 * instead prepared once per session under a name (Parse + Describe), and then each call is ONE call:
 * Bind, Execute, Sync. Notifications and errors come through PGlite's usual protocol handling.
 */
interface PreparedStatement {
  readonly name: string;
  readonly paramTypes: readonly number[];
  readonly fields: ReadonlyArray<{ readonly name: string; readonly dataTypeID: number }>;
}

// Statements beyond this many (SQL built with literals, say) run unprepared rather than pile up.
const MAX_PREPARED = 256;
// The statement is gone (DEALLOCATE/DISCARD) or its result shape changed (DDL): prepare it again next time.
const STALE_STATEMENT = new Set(['26000', '0A000']);
type Serialize = typeof pgliteModule.protocol.serialize;

let loaded: Promise<typeof pgliteModule> | undefined;
/** PGlite is loaded by the first open: a process on PostgreSQL never holds it (some 3 MB). */
const loadPglite = (): Promise<typeof pgliteModule> => (loaded ??= import('@electric-sql/pglite'));

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const DML = /^(?:INSERT \d+|UPDATE|DELETE|MERGE|COPY) (\d+)$/;

class PreparedStatements {
  private readonly statements = new Map<string, PreparedStatement>();
  private next = 0;

  constructor(
    private readonly pg: PGlite,
    private readonly serialize: Serialize,
  ) {}

  /** Runs `sql` as a prepared statement; undefined when it should take the ordinary path instead. */
  async run<Row>(sql: string, params: readonly unknown[], syncToFs: boolean): Promise<SqlResult<Row> | undefined> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_PREPARED) return undefined;
      statement = await this.prepare(sql);
      this.statements.set(sql, statement);
    }
    const { paramTypes, fields } = statement;
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pg.serializers[paramTypes[index]];
      return serializer ? serializer(value) : String(value);
    });
    let messages: wire.BackendMessage[];
    try {
      ({ messages } = await this.pg.runExclusive(() =>
        this.pg.execProtocol(concat([this.serialize.bind({ statement: statement.name, values }), this.serialize.execute({}), this.serialize.sync()]), {
          syncToFs,
        }),
      ));
    } catch (error) {
      if (STALE_STATEMENT.has((error as { code?: string }).code ?? '')) this.statements.delete(sql);
      throw error;
    }
    const parsers = fields.map((field) => this.pg.parsers[field.dataTypeID]);
    const rows: Row[] = [];
    let rowCount: number | undefined;
    for (const message of messages) {
      if (message.name === 'dataRow') {
        const row: Record<string, unknown> = {};
        const values = (message as wire.DataRowMessage).fields;
        for (let index = 0; index < fields.length; index += 1) {
          const value = values[index];
          const parser = parsers[index];
          row[fields[index].name] = value === null ? null : parser ? parser(value, fields[index].dataTypeID) : value;
        }
        rows.push(row as Row);
      } else if (message.name === 'commandComplete') {
        const affected = DML.exec((message as wire.CommandCompleteMessage).text);
        if (affected) rowCount = Number(affected[1]);
      }
    }
    return { rows, rowCount: rowCount ?? rows.length };
  }

  private async prepare(sql: string): Promise<PreparedStatement> {
    const name = `sw_${(this.next += 1)}`;
    const { serialize } = this;
    const { messages } = await this.pg.runExclusive(() =>
      this.pg.execProtocol(concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]), {
        syncToFs: false,
      }),
    );
    const parameters = messages.find((message) => message.name === 'parameterDescription') as wire.ParameterDescriptionMessage | undefined;
    const description = messages.find((message) => message.name === 'rowDescription') as wire.RowDescriptionMessage | undefined;
    return {
      name,
      paramTypes: parameters?.dataTypeIDs ?? [],
      fields: (description?.fields ?? []).map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
    };
  }
}

// Outside a transaction a statement is its own transaction, and waits for PGlite's filesystem sync
// like its own `query` does; inside one, PGlite syncs at COMMIT.
const executorFor = (session: PgliteQueryable, prepared: PreparedStatements, inTransaction: boolean): SqlExecutor => ({
  query: async <Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> => {
    if (params && params.length > 0 && !session.closed && options?.prepare !== false) {
      const result = await prepared.run<Row>(sql, params, !inTransaction);
      if (result) return result;
    }
    const result = await session.query<Row>(sql, params ? [...params] : undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
  exec: async (sql: string) => {
    await session.exec(sql);
  },
});

export class PgliteDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly direct: SqlExecutor;
  // Marks work running inside a transaction, to turn a would-be deadlock into a clear error.
  private readonly inTransaction = new AsyncLocalStorage<boolean>();
  private readonly leases = new Set<string>();

  private readonly prepared: PreparedStatements;

  private constructor(
    private readonly pg: PGlite,
    private readonly folderLock: FolderLock | undefined,
    serialize: Serialize,
  ) {
    this.prepared = new PreparedStatements(pg, serialize);
    this.direct = executorFor(pg as unknown as PgliteQueryable, this.prepared, false);
  }

  /** On a folder, refuses with DATA_FOLDER_LOCKED while another live process has it open. */
  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    const folderLock = options.dataDir === undefined ? undefined : await lockDataFolder(resolve(options.dataDir));
    try {
      // relaxedDurability false: PGlite waits for its filesystem sync before resolving a query. On the
      // Node filesystem that sync is a no-op today, but keep the strict setting should that change.
      const module = await loadPglite();
      const { PGlite } = options.pglite ?? module;
      const pg = await PGlite.create(options.dataDir, { relaxedDurability: false, startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
      return new PgliteDatabase(pg, folderLock, module.protocol.serialize);
    } catch (error) {
      await folderLock?.release();
      throw error;
    }
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> {
    return this.exclusive(() => this.direct.query<Row>(sql, params, options));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(sql));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.exclusive(() =>
      this.pg.transaction((tx) =>
        this.inTransaction.run(true, async () => {
          const executor = executorFor(tx as unknown as PgliteQueryable, this.prepared, true);
          if (options.setupSql) await executor.exec(options.setupSql);
          return work(executor);
        }),
      ),
    );
  }

  /** One session, so one transaction: the role and tenant set with BEGIN, undone at its end. */
  readAsTenant<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.transaction(
      (tx) =>
        work({
          query: (sql, params) => (assertReadStatement(sql), tx.query(sql, params)),
          exec: () => Promise.reject(new TenantReadOnlyError()),
        }),
      { setupSql: appRoleForTenantSql(tenantId) },
    );
  }

  /** One process owns a PGlite folder, so a lease only has to exclude other holders in this process. */
  async tryLease(name: string): Promise<Lease | undefined> {
    if (this.leases.has(name)) return undefined;
    this.leases.add(name);
    return { release: async () => void this.leases.delete(name) };
  }

  /** In-process, one session: a LISTEN here is never lost while the database is open (no `onLost`). */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    const unlisten = await this.exclusive(() => this.pg.listen(channel, onNotify));
    return () => (this.pg.closed ? Promise.resolve() : this.exclusive(() => unlisten()));
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.pg.closed) await this.pg.close();
      await this.folderLock?.release();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) {
      return Promise.reject(
        new CodedError('SQL_SESSION_BUSY', 'PGlite has one session: inside a transaction use its executor, not the database'),
      );
    }
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }
}
