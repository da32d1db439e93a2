/**
 * The three ways to append one event that the benchmark compares, each over its own pool of 20:
 * SqlEventStore (ours), a hand-written BEGIN / head upsert / INSERT / COMMIT on the same tables
 * (raw), and Emmett's PostgreSQL event store on a database of its own (emmett).
 */
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { Pool } from 'pg';
import { eventStoreMigrations } from '@stepwise/event-store';
import { openStorage } from '@stepwise/platform';
import type { ContenderName } from './append-contender.protocol';
import type { AppendOne } from './append.load';
import { BENCH_TENANT, benchEvent, storedMetadata } from './bench-event';

export const POOL_SIZE = 20;

export interface Contender {
  readonly append: AppendOne;
  close(): Promise<void>;
}

const ours = async (url: string): Promise<Contender> => {
  const storage = await openStorage({ kind: 'postgres', url, poolSize: POOL_SIZE }, { migrations: eventStoreMigrations, upcasters: [] });
  return {
    append: async (stream, mode, version) => {
      await storage.eventStore.append(BENCH_TENANT, stream, [benchEvent()], { expected: mode === 'new' ? 'no-stream' : version });
    },
    close: () => storage.close(),
  };
};

// The baseline: no idempotency, no version check, no transaction-order guard, no wake-up.
const HEAD = `INSERT INTO es_streams AS s (tenant_id, stream_id, version, last_tx_id) VALUES ($1, $2, 1, pg_current_xact_id())
  ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + 1, last_tx_id = EXCLUDED.last_tx_id RETURNING version`;
const EVENT = `INSERT INTO es_events (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`;

const raw = async (url: string): Promise<Contender> => {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  return {
    append: async (stream) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const head = await client.query<{ version: string }>(HEAD, [BENCH_TENANT, stream]);
        const e = benchEvent();
        await client.query(EVENT, [BENCH_TENANT, stream, head.rows[0].version, e.id, e.type, JSON.stringify(e.data), JSON.stringify(storedMetadata(e.metadata))]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
};

const emmett = async (url: string): Promise<Contender> => {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    append: async (stream, mode, version) => {
      const { type, data, metadata } = benchEvent();
      // Emmett takes the stream type from the name's first segment.
      await store.appendToStream(`step-${stream}`, [{ type, data, metadata: storedMetadata(metadata) }], {
        expectedStreamVersion: mode === 'new' ? STREAM_DOES_NOT_EXIST : BigInt(version),
      });
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
};

export const openContender = (name: ContenderName, url: string): Promise<Contender> => ({ ours, raw, emmett })[name](url);
