/**
 * Child process for pglite-durability.int.spec.ts: opens a file-backed PGlite store the way
 * production does, then appends one event at a time forever, printing `ACK <event id>` only after
 * each append has resolved. The parent kills it with SIGKILL at an arbitrary point.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@stepwise/event-store';
import { openStorage } from '@stepwise/platform';

const main = async (): Promise<void> => {
  const [dataDir, tenantId] = process.argv.slice(2);
  const { eventStore: store } = await openStorage({ kind: 'pglite', dataDir }, { migrations: eventStoreMigrations, upcasters: [] });
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
