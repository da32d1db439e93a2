import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { eventStoreMigrations } from './event-store.migrations';
import { migrate, PgliteDatabase } from '@stepwise/database';
import { SqlEventStore } from './sql-event-store';

const openStore = async (db: PgliteDatabase) => {
  await migrate(db, eventStoreMigrations);
  return new SqlEventStore(db);
};

let memory: PgliteDatabase;
describeEventStoreContract('PGlite in memory', {
  open: async () => openStore((memory = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() }))),
  dispose: () => memory.close(),
});

let onDisk: PgliteDatabase;
let dataDir: string;
describeEventStoreContract('PGlite on disk', {
  open: async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'stepwise-pglite-contract-'));
    return openStore((onDisk = await PgliteDatabase.open({ dataDir, pglite: pgliteOutsideSandbox() })));
  },
  dispose: async () => {
    await onDisk.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
