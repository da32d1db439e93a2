/**
 * SqlDatabase over PGlite: PostgreSQL in WebAssembly, in this process, one session. Every call takes
 * one exclusive turn on that session, so a plain `query` can never run inside someone else's open
 * transaction (PGlite itself would interleave it there). See README.md for durability.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as pgliteModule from '@electric-sql/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { CodedError } from '@stepwise/kernel';
import type { SqlDatabase, SqlExecutor, SqlResult } from './sql-database.port';
import { assertChannel } from './listen-channel';

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
}

const executorFor = (session: PgliteQueryable): SqlExecutor => ({
  query: async <Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> => {
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

  private constructor(private readonly pg: PGlite) {
    this.direct = executorFor(pg as unknown as PgliteQueryable);
  }

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    // relaxedDurability false: PGlite waits for its filesystem sync before resolving a query. On the
    // Node filesystem that sync is a no-op today, but keep the strict setting should that change.
    const pg = await (options.pglite ?? pgliteModule).PGlite.create(options.dataDir, { relaxedDurability: false });
    return new PgliteDatabase(pg);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
    return this.exclusive(() => this.direct.query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(sql));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() =>
      this.pg.transaction((tx) => this.inTransaction.run(true, () => work(executorFor(tx as unknown as PgliteQueryable)))),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    const unlisten = await this.exclusive(() => this.pg.listen(channel, onNotify));
    return () => (this.pg.closed ? Promise.resolve() : this.exclusive(() => unlisten()));
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.pg.closed) await this.pg.close();
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
