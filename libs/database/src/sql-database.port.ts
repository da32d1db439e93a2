/**
 * A small SQL port over node-postgres pools and PGlite, so the event store, the checkpoint store and
 * the read-model writers run the same SQL on either engine, and can share one transaction.
 */
export interface SqlResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection for its next call (the default). False plans it
   * for this call only: for statements whose text varies with the data they carry, which would
   * otherwise pile up prepared plans on every connection.
   */
  readonly prepare?: boolean;
}

export interface SqlExecutor {
  /** One statement, with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>>;
  /** One or more `;`-separated statements without parameters (migrations); the extended protocol takes only one. */
  exec(sql: string): Promise<void>;
  /**
   * Optional: several statements run in order in one round trip (PostgreSQL, inside a transaction),
   * each one's result in order; the first failure fails them all. Call it through `queryAll`, which
   * runs them one after the other where the engine has no pipeline.
   */
  pipeline?(statements: readonly PipelinedStatement[]): Promise<SqlResult<Record<string, unknown>>[]>;
}

export interface PipelinedStatement {
  readonly text: string;
  readonly values: readonly unknown[];
  /** Keep it prepared on the connection (default true), as QueryOptions.prepare. */
  readonly prepare?: boolean;
}

/** The statements in order, in one round trip where the executor pipelines, else one after the other. */
export const queryAll = async (executor: SqlExecutor, statements: readonly PipelinedStatement[]): Promise<SqlResult<Record<string, unknown>>[]> => {
  if (executor.pipeline) return executor.pipeline(statements);
  const results: SqlResult<Record<string, unknown>>[] = [];
  for (const { text, values, prepare } of statements) results.push(await executor.query(text, values, { prepare }));
  return results;
};

export type SqlEngine = 'postgres' | 'pglite';

export interface Lease {
  release(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Statements without parameters run first in the transaction, sent with BEGIN in one round trip
   * where the engine allows (session settings such as the role and tenant of a read).
   */
  readonly setupSql?: string;
}

export interface SqlDatabase extends SqlExecutor {
  readonly engine: SqlEngine;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `work`'s reads (SELECT statements only) as the application role with the tenant set, so
   * row-level security shows that tenant's rows alone: each statement one round trip on PostgreSQL
   * (the tenant set inside the statement), a transaction on PGlite.
   */
  readAsTenant<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Takes a named lease that only one session in the cluster holds at a time (an advisory lock on a
   * session of its own), or resolves to undefined when another holds it. `onLost` runs if the
   * session carrying the lease breaks; whoever held it must then stop acting on it.
   */
  tryLease(name: string, onLost: () => void): Promise<Lease | undefined>;
  /**
   * LISTEN on a channel; resolves to an unlisten function. `onLost` is called once if the session
   * carrying the LISTEN breaks: nothing sent after that is delivered until `listen` is called again.
   */
  listen(channel: string, onNotify: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
