/**
 * Several statements in one round trip on PostgreSQL: each statement's Bind, Describe and Execute
 * go out back to back and one Sync closes them, so the server runs them in order without waiting
 * for the client between them (inside a transaction, the Sync commits nothing). The server stops at
 * the first failure and skips the rest up to the Sync: the pipeline fails as a whole with that error.
 *
 * Named statements are parsed on the connection ahead of the pipeline, in a round trip of their own
 * the first time a connection sees them (Parse and Sync only), so the pipeline itself never parses a
 * named statement and node-postgres's record of what each connection has parsed stays exact.
 * Statements sent unprepared are parsed in the pipeline as the unnamed statement.
 */
import { createHash } from 'node:crypto';
import { Query, type Connection, type PoolClient } from 'pg';
import type { PipelinedStatement, SqlResult } from './sql-database.port';

export const preparedStatementName = (sql: string): string => `sw_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

type WireConnection = Connection & {
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; values: unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: 'P' | 'S'; name?: string }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
};

type ResultLike = { rows: unknown[]; rowCount: number | null };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/** Parses a named statement (Parse and Sync, nothing run); node-postgres records it as parsed on this connection. */
class ParseOnlyQuery extends Query {
  constructor(name: string, text: string) {
    super({ name, text });
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: WireConnection): void {
    const self = this as unknown as { name: string; text: string };
    connection.parse({ text: self.text, name: self.name });
    connection.submittedNamedStatements[self.name] = self.text;
    connection.sync();
  }
}

/** The statements bound and run back to back, one Sync at the end; every statement's result, in order. */
class PipelineQuery extends Query {
  constructor(private readonly statements: readonly { readonly name?: string; readonly text: string; readonly values: readonly unknown[] }[]) {
    super({ text: statements[0].text });
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: WireConnection): void {
    try {
      for (const statement of this.statements) {
        if (!statement.name) connection.parse({ text: statement.text });
        connection.bind({ statement: statement.name, values: [...statement.values], valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      }
    } finally {
      // A value that cannot be mapped throws mid-pipeline: the server then fails the statement bound
      // last without it (or runs what came before), and the Sync still ends the pipeline.
      connection.sync();
    }
  }
}

const isParsed = (connection: WireConnection, name: string): boolean =>
  connection.parsedStatements[name] !== undefined || connection.submittedNamedStatements[name] !== undefined;

/** The last query sent (or waiting to be sent) through `submit` on each client. */
const lastSubmitted = new WeakMap<PoolClient, Promise<unknown>>();

/**
 * Sends the query once the client's previous one sent here has ended, and answers its result. The
 * queries of pipelines started one after another without waiting go out in the order they were
 * submitted, each as soon as the one before it is answered; node-postgres's own queue would do the
 * same, but calling `client.query` while a query runs is deprecated there.
 */
const submit = <T>(client: PoolClient, query: Query): Promise<T> => {
  const previous = lastSubmitted.get(client);
  const send = (): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      query.on('end', (ended: unknown) => resolve(ended as T));
      query.on('error', (error: Error) => reject(error));
      void client.query(query as never);
    });
  const sent = previous ? previous.then(send, send) : send();
  // Settled either way, and forgotten once nothing is queued behind it, so an idle client sends at once.
  const done = (): void => {
    if (lastSubmitted.get(client) === settled) lastSubmitted.delete(client);
  };
  const settled = sent.then(done, done);
  lastSubmitted.set(client, settled);
  return sent;
};

/**
 * Named statements queued to be parsed on a connection and not sent yet: node-postgres counts one as
 * submitted only once it goes out, so a second pipeline queued meanwhile would parse it again.
 */
const queuedParses = new WeakMap<WireConnection, Set<string>>();

/**
 * Runs the statements on the client (inside its transaction) in one round trip, once each is parsed
 * there. The parses and the pipeline go on the client's queue at once, so pipelines started one
 * after another without waiting (a batch's chunks) run on the server in the order they were started.
 */
export const runPipeline = async (client: PoolClient, statements: readonly PipelinedStatement[]): Promise<SqlResult<Record<string, unknown>>[]> => {
  if (statements.length === 0) return [];
  const connection = (client as unknown as { connection: WireConnection }).connection;
  const named = statements.map((statement) => ({
    name: statement.prepare === false || statement.values.length === 0 ? undefined : preparedStatementName(statement.text),
    text: statement.text,
    values: statement.values,
  }));
  const queued = queuedParses.get(connection) ?? new Set<string>();
  queuedParses.set(connection, queued);
  const parses: Promise<unknown>[] = [];
  for (const { name, text } of named) {
    if (!name || isParsed(connection, name) || queued.has(name)) continue;
    queued.add(name);
    parses.push(submit(client, new ParseOnlyQuery(name, text)).finally(() => queued.delete(name)));
  }
  // A failed parse fails the pipeline behind it too; the parse's error is the one reported.
  const pipeline = submit<ResultLike | ResultLike[]>(client, new PipelineQuery(named));
  const [ended] = await Promise.all([pipeline, ...parses]);
  const results = Array.isArray(ended) ? ended : [ended];
  if (results.length !== statements.length) throw new Error(`A pipeline of ${statements.length} statements answered ${results.length} results`);
  return results.map((result) => ({ rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 }));
};
