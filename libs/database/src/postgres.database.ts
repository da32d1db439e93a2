/**
 * SqlDatabase over a node-postgres Pool. Notifications use one dedicated client outside the pool
 * (LISTEN is per session, and a pooled client would be handed to other work).
 */
import { CodedError } from '@stepwise/kernel';
import { Client, Pool, type ClientConfig, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import type { Lease, QueryOptions, SqlDatabase, SqlExecutor, SqlResult, TransactionOptions } from './sql-database.port';
import { assertChannel } from './listen-channel';
import { TenantScopedPool } from './tenant-scoped.pool';
import { preparedStatementName, runPipeline } from './statement-pipeline';

export interface PostgresDatabaseOptions {
  readonly connectionString: string;
  /** Pool size; give it at least as many connections as concurrent writers. Default 10. */
  readonly max?: number;
  readonly applicationName?: string;
  /** How long opening a session may take before it fails, in ms. Default 10000 (see DEFAULT_CONNECT_TIMEOUT_MS). */
  readonly connectTimeoutMs?: number;
  /**
   * How a lease's holder shows it is alive: a statement on the lease's session every `heartbeatMs`,
   * and the server ends a session silent for `silenceMs`, freeing the lease. Defaults LEASE_HEARTBEAT.
   */
  readonly leaseHeartbeat?: { readonly heartbeatMs: number; readonly silenceMs: number };
}

/**
 * A lease is a session-level advisory lock, so it lives as long as its session: a holder that dies
 * frees it at once, but one that freezes (a stopped or paused process, an event loop blocked for
 * good) keeps its session open, and the lease with it, while nothing is done. So the holder says a
 * statement on the session every few seconds, and the server ends the session once it has been
 * silent for longer (`idle_session_timeout`, PostgreSQL 14 and later): another process takes the
 * lease over some 15 s after a freeze. The frozen one, once it runs again, finds its session ended
 * and stops leading; what it was writing then fails its checkpoint's compare-and-set.
 */
export const LEASE_HEARTBEAT = { heartbeatMs: 3_000, silenceMs: 15_000 } as const;

type Listener = (payload: string) => void;

/**
 * How long opening a session may take, unless told otherwise. node-postgres waits forever by
 * default, so an address that accepts the connection and never answers (a firewall dropping
 * packets, a proxy whose server is gone) hung a boot, and every request needing a new connection,
 * instead of failing.
 */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

// Parameterised statements are prepared once per connection (named by their text), so the event
// store's few fixed statements skip parse and plan on every call; hot appends and reads are CPU-bound.
const prepared = (sql: string, params?: readonly unknown[], options: QueryOptions = {}): QueryConfig => ({
  text: sql,
  values: params as unknown[] | undefined,
  name: params && params.length > 0 && options.prepare !== false ? preparedStatementName(sql) : undefined,
});

/**
 * Sessions that give up connecting after `timeoutMs`: a Client class rather than the pool's own
 * timeout option, which would also bound a wait for a free connection (see the constructor).
 */
const boundedConnectClient = (timeoutMs: number) =>
  class BoundedConnectClient extends Client {
    constructor(config: ClientConfig = {}) {
      super({ ...config, connectionTimeoutMillis: config.connectionTimeoutMillis ?? timeoutMs });
    }
  };

const executorFor = (client: PoolClient): SqlExecutor => ({
  query: async <Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> => {
    const result = await client.query(prepared(sql, params, options));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  },
  exec: async (sql: string) => {
    await client.query(sql);
  },
  pipeline: (statements) => runPipeline(client, statements),
});

export class PostgresDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  private readonly pool: Pool;
  private readonly config: PoolConfig;
  /** The pool's sessions, the listening session and leases all give up connecting alike. */
  private readonly BoundedConnectClient: ReturnType<typeof boundedConnectClient>;
  private tenantPool?: TenantScopedPool;
  private listenerClient?: Promise<Client>;
  /** The listening session's statements, one after another (see `onListener`). */
  private listenerWork: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Whom to tell when the listening session breaks, per registration. */
  private readonly lostHandlers = new Map<Listener, () => void>();
  private closed = false;

  constructor(private readonly options: PostgresDatabaseOptions) {
    this.BoundedConnectClient = boundedConnectClient(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'stepwise',
      // Per session, not per checkout: the pool's own option would also time out a wait for a busy
      // pool's free connection, which load makes long without anything being wrong.
      Client: this.BoundedConnectClient,
      // Statements are prepared per connection; generic plans stop PostgreSQL re-planning them on
      // every call (it kept choosing custom plans for the append, whose planning costs more than
      // running it). Every statement here is a keyed lookup or a keyset page: one plan fits all.
      options: '-c plan_cache_mode=force_generic_plan',
    };
    this.config = config;
    this.pool = new Pool(config);
    // An idle client dying (server restart) must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
  }

  /** The pool's connections: open, idle, and checkouts queued for one (for metrics). */
  poolUsage(): { readonly total: number; readonly idle: number; readonly waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<Row>> {
    const result = await this.pool.query(prepared(sql, params, options));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The pool listens for a session's death only while it is idle: one ended between two statements
    // of the work (or between a statement's error and the socket closing) would otherwise throw an
    // unhandled 'error' and end the process. The next statement, or the ROLLBACK, fails instead.
    const lost = (error: Error): void => void (broken ??= error);
    client.on('error', lost);
    try {
      try {
        // The simple protocol takes several statements at once: the setup rides along with BEGIN.
        // Inside this try, so a failing setup is rolled back like failing work.
        await client.query(options.setupSql ? `BEGIN; ${options.setupSql}` : 'BEGIN');
        const result = await work(executorFor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable; destroy it rather than return it to the pool mid-transaction.
          broken = rollbackError as Error;
        }
        throw error;
      }
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  readAsTenant<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // Opened on first use: its sessions take the application role at connect, which migrations create.
    this.tenantPool ??= new TenantScopedPool(this.config);
    return work(this.tenantPool.executorFor(tenantId));
  }

  async listen(channel: string, onNotify: Listener, onLost?: () => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    // A closed database opens no new session (it would keep the process alive).
    if (this.closed) throw new CodedError('DATABASE_CLOSED', 'The database is closed');
    const client = await this.listener();
    let callbacks = this.listeners.get(channel);
    if (!callbacks) {
      const created = new Set<Listener>();
      callbacks = created;
      this.listeners.set(channel, created);
      await this.onListener(client, `LISTEN ${channel}`).catch((error: unknown) => {
        // Not listening: the next call must send LISTEN again rather than find the channel taken.
        if (this.listeners.get(channel) === created && created.size === 0) this.listeners.delete(channel);
        throw error;
      });
    }
    // One registration per call, even for the same function twice: each is removed by its own unlisten.
    const registration: Listener = (payload) => onNotify(payload);
    callbacks.add(registration);
    if (onLost) this.lostHandlers.set(registration, onLost);
    return async () => {
      this.lostHandlers.delete(registration);
      const current = this.listeners.get(channel);
      if (!current?.delete(registration) || current.size > 0) return;
      this.listeners.delete(channel);
      await this.onListener(client, `UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  async tryLease(name: string, onLost: () => void): Promise<Lease | undefined> {
    const client = new this.BoundedConnectClient({ connectionString: this.options.connectionString, application_name: 'stepwise-lease' });
    await client.connect();
    let released = false;
    try {
      const { rows } = await client.query<{ granted: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS granted', [name]);
      if (!rows[0]?.granted) {
        released = true;
        await client.end();
        return undefined;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    const { heartbeatMs, silenceMs } = this.options.leaseHeartbeat ?? LEASE_HEARTBEAT;
    let heartbeat: NodeJS.Timeout | undefined;
    // The lock lives as long as this session: if the session breaks, or goes silent, so does the lease.
    const lost = (): void => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      client.end().catch(() => undefined);
      onLost();
    };
    client.on('error', lost);
    client.on('end', lost);
    // A server before PostgreSQL 14 has no idle_session_timeout: the lease then lasts as its session does.
    await client.query(`SET idle_session_timeout = ${Math.round(silenceMs)}`).catch(() => undefined);
    if (heartbeatMs > 0) {
      heartbeat = setInterval(() => void client.query('SELECT 1').catch(lost), heartbeatMs);
      heartbeat.unref();
    }
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listenerClient;
    this.listenerClient = undefined;
    this.listeners.clear();
    this.lostHandlers.clear();
    if (listener) await (await listener.catch(() => undefined))?.end().catch(() => undefined);
    await this.tenantPool?.close();
    await this.pool.end();
  }

  /**
   * Runs a statement on the listening session after those before it: caches and subscribers open
   * side by side, and node-postgres is dropping its queue for a client asked twice at once.
   */
  private onListener(client: Client, sql: string): Promise<void> {
    const run = this.listenerWork.then(() => client.query(sql));
    this.listenerWork = run.catch(() => undefined);
    return run.then(() => undefined);
  }

  private listener(): Promise<Client> {
    if (!this.listenerClient) {
      const client = new this.BoundedConnectClient({ connectionString: this.options.connectionString, application_name: `${this.options.applicationName ?? 'stepwise'}-listener` });
      client.on('notification', (message) => {
        for (const callback of this.listeners.get(message.channel) ?? []) callback(message.payload ?? '');
      });
      const connecting = client.connect().then(() => client);
      // A dropped listener connection degrades subscribers to polling, and tells those who asked to
      // know (they listen again); the next listen() reconnects.
      let dropped = false;
      const drop = (): void => {
        if (dropped) return;
        dropped = true;
        if (this.listenerClient === connecting) this.listenerClient = undefined;
        const lost = [...this.lostHandlers.values()];
        this.listeners.clear();
        this.lostHandlers.clear();
        client.end().catch(() => undefined);
        for (const onLost of lost) onLost();
      };
      client.on('error', drop);
      client.on('end', drop);
      connecting.catch(() => {
        if (this.listenerClient === connecting) this.listenerClient = undefined;
      });
      this.listenerClient = connecting;
    }
    return this.listenerClient;
  }
}
