import { randomUUID } from 'node:crypto';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { UpcasterRegistry } from '../upcasting/upcaster.registry';
import { eventStoreMigrations } from './event-store.migrations';
import { migrate, PgliteDatabase } from '@stepwise/database';
import { SqlEventStore } from './sql-event-store';

describe('SqlEventStore with upcasters', () => {
  it('hands out stored v1 events in the current shape on every read path', async () => {
    const db = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() });
    try {
      await migrate(db, eventStoreMigrations);
      const upcasters = new UpcasterRegistry([
        { type: 'StepPlanned', fromVersion: 1, upcast: (data) => ({ title: data['name'] }) },
        { type: 'StepPlanned', fromVersion: 2, upcast: (data) => ({ ...data, dueOn: null }) },
      ]);
      await new SqlEventStore(db).append('t', 'j', [{ id: randomUUID(), type: 'StepPlanned', data: { name: 'Call Ana' } }]);
      const store = new SqlEventStore(db, { upcasters });
      const expected = { schemaVersion: 3, data: { title: 'Call Ana', dueOn: null } };
      expect((await store.readStream('t', 'j'))[0]).toMatchObject(expected);
      expect((await store.readAll({ tenantId: 't' })).events[0]).toMatchObject(expected);
      const { rows } = await db.query('SELECT schema_version, data FROM es_events');
      expect(rows).toEqual([{ schema_version: 1, data: { name: 'Call Ana' } }]);
    } finally {
      await db.close();
    }
  });
});
