/**
 * Storage for one integration suite, opened through the same factory as the apps. On PostgreSQL
 * each call makes a database of its own (dropped on close), so a suite sees only the events it
 * wrote: a runner following the whole log cannot trip over another suite's test events, and
 * suites pass in any order. On PGlite the database lives in memory.
 */
import { randomUUID } from 'node:crypto';
import type { EventStoreSchema } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { openStorage, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { pgliteMigrated } from './pglite-migrated';
import { pgliteOutsideSandbox } from './pglite-module';
import { adminQuery, createMigratedDatabase, databaseUrlFor, testDatabaseUrl } from './test-database';

export type TestEngine = 'postgres' | 'pglite';

/** `clock`: when the event store records what is appended (the system clock when absent). */
export const openTestStorage = async (engine: TestEngine, schema: EventStoreSchema, options: { poolSize?: number; clock?: Clock } = {}): Promise<Storage> => {
  const recording = options.clock ? { clock: options.clock } : {};
  // The whole schema starts migrated, on either engine; any other is migrated from nothing.
  const whole = schema === stepwiseSchema;
  if (engine === 'pglite') return openStorage({ kind: 'pglite' }, schema, { pglite: whole ? pgliteMigrated(schema) : pgliteOutsideSandbox(), ...recording });
  // Named after the run's database, so a run that dies leaves names a person can trace.
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_s_${randomUUID().slice(0, 8)}`;
  await (whole ? createMigratedDatabase(name) : adminQuery(`CREATE DATABASE ${name}`));
  try {
    const storage = await openStorage({ kind: 'postgres', url: databaseUrlFor(name), poolSize: options.poolSize ?? 8 }, schema, recording);
    return {
      ...storage,
      close: async () => {
        await storage.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
};
