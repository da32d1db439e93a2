/**
 * Child process for pglite-durability.int.spec.ts: opens a file-backed PGlite store the way
 * production does, then appends one event at a time forever, printing `ACK <event id>` only after
 * each append has resolved. The parent kills it with SIGKILL at an arbitrary point.
 */
import { migrate, PgliteDatabase } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, SqlEventStore } from '@stepwise/event-store';

const main = async (): Promise<void> => {
  const [dataDir, tenantId] = process.argv.slice(2);
  const db = await PgliteDatabase.open({ dataDir });
  await migrate(db, eventStoreMigrations);
  const store = new SqlEventStore(db);
  process.stdout.write('READY\n');
  for (;;) {
    const id = randomUUID();
    await store.append(tenantId, 'durability', [{ id, type: 'StepTaken', data: { at: Date.now() } }]);
    process.stdout.write(`ACK ${id}\n`);
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
