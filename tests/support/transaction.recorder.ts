/**
 * Records the transactions node-postgres sends in this process: on each connection, every statement
 * from the one that opens with BEGIN to COMMIT or ROLLBACK, one round trip each (node-postgres sends
 * one query at a time and waits for its answer; BEGIN with the statements that ride along with it is
 * one; a pipeline of statements is one, recorded as their texts joined by `; `). For specs that hold
 * a processor to its number of statements; PostgreSQL only.
 */
import { Client } from 'pg';

export interface RecordedStatement {
  /** The text with its whitespace collapsed. */
  readonly text: string;
  readonly values: readonly unknown[];
  /**
   * A round trip that only prepares a named statement (Parse and Sync, nothing run): what a pooled
   * connection sends the first time it prepares a statement text a pipeline then runs.
   */
  readonly parseOnly: boolean;
}

export interface TransactionRecorder {
  /** The transactions ended since the recorder started (or was cleared), in the order they ended. */
  readonly transactions: readonly (readonly RecordedStatement[])[];
  clear(): void;
  /** Puts node-postgres back as it was. */
  stop(): void;
}

export const recordTransactions = (): TransactionRecorder => {
  const query = Client.prototype.query;
  const open = new Map<Client, RecordedStatement[]>();
  let ended: RecordedStatement[][] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
    const config = args[0] as string | { text?: string; values?: unknown[]; statements?: readonly { text: string; values: readonly unknown[] }[] };
    // A pipeline (libs/database's statement pipeline) is one round trip carrying several statements.
    const pipelined = typeof config === 'string' ? undefined : config?.statements;
    const text = (pipelined ? pipelined.map((statement) => statement.text).join('; ') : typeof config === 'string' ? config : (config?.text ?? '')).replace(/\s+/g, ' ').trim();
    const values = pipelined
      ? pipelined.flatMap((statement) => [...statement.values])
      : ((typeof config === 'string' ? undefined : config?.values) ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : []));
    const parseOnly = typeof config === 'object' && config !== null && config.constructor?.name === 'ParseOnlyQuery';
    if (text.startsWith('BEGIN')) open.set(this, []);
    const statements = open.get(this);
    statements?.push({ text, values, parseOnly });
    if (statements && (text === 'COMMIT' || text === 'ROLLBACK')) {
      open.delete(this);
      ended.push(statements);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    get transactions() {
      return ended;
    },
    clear: () => {
      ended = [];
    },
    stop: () => {
      Client.prototype.query = query;
    },
  };
};
