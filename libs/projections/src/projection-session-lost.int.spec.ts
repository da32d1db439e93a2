/**
 * A projection whose database session is ended while it applies an event (a failover, an idle-session
 * killer, pg_terminate_backend): the event is not at fault, so no stall names it; the runner applies
 * it on a new session.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore, type RecordedEvent } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import { adminQuery, createScratchDatabase, type ScratchDatabase } from '@stepwise/test-support';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';

const waitFor = async (what: string, condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('a projection whose session is ended while it applies an event', () => {
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase('session_lost');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 3, applicationName: 'session-lost' });
    await migrate(database, [...eventStoreMigrations, ...projectionsMigrations]);
  });

  afterAll(async () => {
    await runner?.stop();
    await database.close();
    await scratch.drop();
  });

  it('records no stall naming the event, not even while it retries, and applies it on a new session', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const applied: string[] = [];
    const errors: unknown[] = [];
    let sessionsEnded = 0;
    const stallsWhileRetrying: string[] = [];
    const cut: Projection = {
      name: 'cut',
      eventTypes: ['Counted'],
      tables: [],
      apply: async (tx, event: RecordedEvent) => {
        if (sessionsEnded < 2) {
          // Both the batch and the event-by-event attempt lose their session under them.
          sessionsEnded += 1;
          const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          // Ended while a statement of the projection runs on it.
          const running = tx.query('SELECT pg_sleep(10)');
          await adminQuery(`SELECT pg_terminate_backend(${Number(rows[0].pid)})`);
          await running;
        }
        // Applied again on a new session, after the failures: what the stall table says meanwhile.
        const { rows } = await database.query<{ event_id: string }>('SELECT event_id FROM projection_stalls');
        stallsWhileRetrying.push(...rows.map((row) => row.event_id));
        applied.push(event.id);
      },
    };
    const store = new SqlEventStore(database);
    const eventId = randomUUID();
    await runInTenant({ tenantId: tenant, correlationId: 'c' }, () => store.append(tenant, `counter-${randomUUID()}`, [{ id: eventId, type: 'Counted', data: {} }]));
    runner = new ProjectionRunner(database, new SqlEventStore(database), {
      processor: `session-lost-${randomUUID().slice(0, 8)}`,
      projections: [cut],
      pollIntervalMs: 50,
      retryMaxMs: 100,
      onError: (error) => errors.push(error),
    });
    await runner.start();

    await waitFor('the event applied', () => applied.includes(eventId));
    await runner.caughtUp();
    expect(sessionsEnded).toBe(2);
    expect(errors.length).toBeGreaterThan(0);
    expect(stallsWhileRetrying).toEqual([]);
    const { rows } = await database.query('SELECT event_id FROM projection_stalls');
    expect(rows).toEqual([]);
  });
});
