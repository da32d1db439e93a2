/**
 * An event changes shape: rows written at the old version stay as they are, and every reader gets
 * today's shape, through storage opened by the one factory (openStorage, with the upcasters in the
 * schema) and through a projection run by the real runner. Without the upcaster the projection
 * refuses the old row instead of misreading it. On PostgreSQL and PGlite.
 */
import { randomUUID } from 'node:crypto';
import { tenantTableSecuritySql } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema, type Upcaster } from '@stepwise/event-store';
import type { EventSchemaVersions } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { defineProjection, ProjectionRunner, projectionsMigrations, readProjectionStalls, SKIP } from '@stepwise/projections';
import { openTestStorage, type TestEngine } from '../support';

// Today's shape of a door event: v1 stored `who` as one string; v2 splits it and adds a reason.
type DoorEvent =
  | { readonly type: 'DoorOpened'; readonly data: { readonly doorId: string } }
  | { readonly type: 'DoorClosed'; readonly data: { readonly doorId: string; readonly closedBy: { readonly id: string; readonly name: string }; readonly reason: string | null } };

const doorEventSchemaVersions: EventSchemaVersions<DoorEvent> = { DoorOpened: 1, DoorClosed: 2 };

const doorClosedV1: Upcaster = {
  type: 'DoorClosed',
  fromVersion: 1,
  upcast: (data) => {
    const [id, name] = String(data['who']).split(':');
    return { doorId: data['doorId'], closedBy: { id, name }, reason: null };
  },
};

const migrations = [
  ...eventStoreMigrations,
  ...projectionsMigrations,
  {
    name: 'test/door-closures',
    sql: `CREATE TABLE door_closures (tenant_id text NOT NULL, door_id text, closer_name text, reason text);
      ${tenantTableSecuritySql('door_closures')}`,
  },
];

const doorClosures = defineProjection<DoorEvent>({
  name: 'door-closures',
  tables: ['door_closures'],
  events: doorEventSchemaVersions,
  handlers: {
    DoorOpened: SKIP,
    async DoorClosed(tx, { data }, recorded) {
      await tx.query('INSERT INTO door_closures VALUES ($1, $2, $3, $4)', [recorded.tenantId, data.doorId, data.closedBy.name, data.reason]);
    },
  },
});

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('an event stored at an older schema version, on %s', (_name, engine) => {
  let storage: Storage | undefined;
  let runner: ProjectionRunner | undefined;
  const tenantId = `org-${randomUUID()}`;
  const oldRow = { id: randomUUID(), type: 'DoorClosed', schemaVersion: 1, data: { doorId: 'front', who: 'm-7:Ada' } };

  const open = async (schema: EventStoreSchema): Promise<Storage> => {
    storage = await openTestStorage(engine, schema);
    // Written the way last year's code wrote it.
    await storage.eventStore.append(tenantId, 'door-front', [oldRow]);
    return storage;
  };

  const project = async (opened: Storage): Promise<void> => {
    runner = new ProjectionRunner(opened.database, opened.eventStore, {
      processor: 'doors',
      projections: [doorClosures],
      pollIntervalMs: 50,
      retryMaxMs: 50,
    });
    await runner.start();
    await runner.caughtUp();
  };

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await storage?.close();
    storage = undefined;
  });

  it("reads back as today's shape through the factory-built store and a projection; the stored row is untouched", async () => {
    const opened = await open({ migrations, upcasters: [doorClosedV1] });
    const today = { schemaVersion: 2, data: { doorId: 'front', closedBy: { id: 'm-7', name: 'Ada' }, reason: null } };
    expect((await opened.eventStore.readStream(tenantId, 'door-front'))[0]).toMatchObject(today);
    // The global log shows a commit once no older transaction runs anywhere on the server (other suites hold some open).
    let fromLog = (await opened.eventStore.readAll({ tenantId })).events;
    for (const deadline = Date.now() + 15_000; fromLog.length === 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      fromLog = (await opened.eventStore.readAll({ tenantId })).events;
    }
    expect(fromLog[0]).toMatchObject(today);

    await project(opened);
    const { rows } = await opened.database.query('SELECT tenant_id, door_id, closer_name, reason FROM door_closures');
    expect(rows).toEqual([{ tenant_id: tenantId, door_id: 'front', closer_name: 'Ada', reason: null }]);

    const stored = await opened.database.query('SELECT schema_version, data FROM es_events');
    expect(stored.rows).toEqual([{ schema_version: 1, data: { doorId: 'front', who: 'm-7:Ada' } }]);
  });

  it('without the upcaster, the projection stops at the old row instead of misreading it', async () => {
    const opened = await open({ migrations, upcasters: [] });
    runner = new ProjectionRunner(opened.database, opened.eventStore, { processor: 'doors', projections: [doorClosures], pollIntervalMs: 50, retryMaxMs: 50 });
    await runner.start();
    const deadline = Date.now() + 10_000;
    while ((await readProjectionStalls(opened.database)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const [stall] = await readProjectionStalls(opened.database);
    expect(stall).toMatchObject({ processor: 'doors', projection: 'door-closures', eventId: oldRow.id });
    expect(stall.error).toContain("no upcaster brings to today's (v2)");
    expect((await opened.database.query('SELECT * FROM door_closures')).rows).toEqual([]);
  });
});
