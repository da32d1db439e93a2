/**
 * Tenant reads on PostgreSQL in one round trip, without BEGIN/COMMIT: a pool whose sessions run as
 * the application role from connect (the role must be in force when a statement is planned, since
 * row-level security is applied at planning), and each read sent as a pipeline of two statements and
 * one Sync: `SELECT set_config('stepwise.tenant_id', $1, true)`, then the read. In the extended
 * protocol everything before a Sync is one implicit transaction, so the read runs with the tenant set
 * and the setting ends with that transaction, committed or failed: nothing carries over to the next
 * request on the connection.
 *
 * Why two statements and not one (a CTE or a lateral join around set_config): PostgreSQL treats
 * current_setting() as stable within a statement, and the planner may evaluate the policy's
 * comparison before the row that sets the tenant exists (it derives `current_setting(…) = $1` from
 * `tenant_id = $1` and runs it as a one-time filter first): such a read sees nothing. See
 * tenant-reader.int.spec.ts.
 */
import { createHash } from 'node:crypto';
import { Pool, Query, type Connection, type PoolConfig, type QueryConfig } from 'pg';
import { CodedError } from '@stepwise/kernel';
import { isDatabaseUnavailable } from './database-unavailable';
import type { SqlExecutor, SqlResult } from './sql-database.port';
import { APP_ROLE, TENANT_SETTING } from './tenant-scope';

/** Reads only: the pool is for tenant reads, and its role may write only the tenant's rows anyway. */
const READ_STATEMENT = /^\s*(SELECT|WITH|VALUES|TABLE)\b/i;

export class TenantReadOnlyError extends CodedError {
  constructor() {
    super('TENANT_READ_ONLY', 'A tenant reader runs SELECT statements only');
  }
}

export const assertReadStatement = (sql: string): void => {
  if (!READ_STATEMENT.test(sql)) throw new TenantReadOnlyError();
};

const SET_TENANT_SQL = `SELECT set_config('${TENANT_SETTING}', $1, true)`;

const preparedName = (sql: string): string => `sw_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

/** The parts of node-postgres's Query this subclass hooks into (untyped in @types/pg). */
interface QueryInternals {
  name?: string;
  prepare(connection: Connection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
  handleError(error: Error, connection: Connection): void;
}

type WireConnection = Connection & {
  parse(message: { text: string; name?: string }): void;
  close(message: { type: 'S' | 'P'; name?: string }): void;
  bind(message: { statement?: string; values: unknown[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
};

/**
 * A node-postgres query preceded, in the same pipeline, by the statement that sets the tenant. The
 * tenant statement's row and completion are swallowed; its errors are the query's.
 */
class TenantScopedQuery extends Query {
  private tenantSet = false;
  private parsedBefore = true;

  constructor(
    config: QueryConfig,
    private readonly tenantId: string,
  ) {
    super(config);
  }

  prepare(connection: WireConnection): void {
    const self = this as unknown as QueryInternals;
    // The unnamed statement: a one-line parse, and nothing to track per connection.
    connection.parse({ text: SET_TENANT_SQL });
    connection.bind({ values: [this.tenantId] });
    connection.execute({ portal: '' });
    // node-postgres marks the query's name parsed on the first ParseComplete of the pipeline, which
    // is the tenant statement's: remembered so a read that fails to parse is parsed again next time.
    this.parsedBefore = !!self.name && (connection.parsedStatements[self.name] !== undefined || connection.submittedNamedStatements[self.name] !== undefined);
    // A read forgotten after a failure may have failed after its parse (a value its parameter's type
    // refuses, an error while it ran): the session still holds the statement, and parsing it again
    // would fail on its name forever. Closing it first is a no-op for a statement the session lacks.
    if (self.name && !this.parsedBefore) connection.close({ type: 'S', name: self.name });
    (Query.prototype as unknown as QueryInternals).prepare.call(this, connection);
  }

  handleDataRow(message: unknown): void {
    if (this.tenantSet) (Query.prototype as unknown as QueryInternals).handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: Connection): void {
    if (!this.tenantSet) {
      this.tenantSet = true;
      return;
    }
    (Query.prototype as unknown as QueryInternals).handleCommandComplete.call(this, message, connection);
  }

  handleError(error: Error, connection: WireConnection): void {
    const name = (this as unknown as QueryInternals).name;
    if (name && !this.parsedBefore) delete connection.parsedStatements[name];
    (Query.prototype as unknown as QueryInternals).handleError.call(this, error, connection);
  }
}

export class TenantScopedPool {
  private readonly pool: Pool;

  constructor(config: PoolConfig) {
    this.pool = new Pool({
      // A new session pays tens of milliseconds of server CPU on its first reads (catalog caches,
      // plans of the larger statements such as an analytics read): keep idle sessions a minute, not
      // node-postgres's ten seconds, so a pause in traffic does not cost a pool's worth of warm-ups.
      idleTimeoutMillis: 60_000,
      ...config,
      options: [config.options, `-c role=${APP_ROLE}`].filter(Boolean).join(' '),
    });
    // An idle client dying (server restart) must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
  }

  /** An executor whose every statement reads as the tenant, one round trip each. */
  executorFor(tenantId: string): SqlExecutor {
    return {
      query: async <Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> => {
        assertReadStatement(sql);
        const client = await this.pool.connect();
        let broken: Error | undefined;
        // The pool listens for a session's death only while it is idle: one ended while this read is
        // in flight would otherwise throw an unhandled 'error' and end the process. The read fails
        // instead (the driver rejects it), and the session is dropped.
        const lost = (error: Error): void => void (broken ??= error);
        client.on('error', lost);
        try {
          const result = await new Promise<{ rows: Row[]; rowCount: number | null }>((resolve, reject) => {
            const query = new TenantScopedQuery({ text: sql, values: params as unknown[], name: preparedName(sql) }, tenantId);
            query.on('end', (ended: { rows: Row[]; rowCount: number | null }) => resolve(ended));
            query.on('error', (error: Error) => reject(error));
            client.query(query);
          });
          return { rows: result.rows, rowCount: result.rowCount ?? 0 };
        } catch (error) {
          // A connection error leaves the session in doubt, and a lost session (FATAL, ended by the
          // server) is gone though its socket may not have closed yet: drop it rather than pool it.
          if (!(error instanceof Error) || !('severity' in error) || isDatabaseUnavailable(error)) broken ??= error as Error;
          throw error;
        } finally {
          client.off('error', lost);
          client.release(broken);
        }
      },
      exec: () => Promise.reject(new TenantReadOnlyError()),
    };
  }

  /**
   * A statement on one of the pool's sessions with no tenant set: what the isolation tests inspect a
   * connection with (it sees no tenant's rows).
   */
  async unscoped<Row = Record<string, unknown>>(sql: string): Promise<Row[]> {
    return (await this.pool.query(sql)).rows as Row[];
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
