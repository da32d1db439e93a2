/**
 * `appendIn` in a transaction older than an append that committed to the same stream first: its
 * events would land before that append's in the log although they commit after it, so it is refused
 * with CONCURRENT_APPEND (retry the unit of work), whatever the expected version, `any` and
 * `stream-exists` included (an exact version that no longer holds is still WRONG_EXPECTED_VERSION). PostgreSQL only: PGlite runs one
 * transaction at a time, so no append can commit inside another's.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreOn, openEventStorePostgres } from '@stepwise/test-support';
import type { ExpectedVersion, NewEvent } from '../event-store.port';

const event = (): NewEvent => ({ id: randomUUID(), type: 'StepPlanned', data: { title: 'x' } });

describe('appendIn after a newer transaction appended to the stream (PostgreSQL)', () => {
  const engine = eventStoreOn(openEventStorePostgres);

  it.each<[string, ExpectedVersion]>([
    ['any', 'any'],
    ['stream-exists', 'stream-exists'],
  ])('is CONCURRENT_APPEND expecting %s, and the retry appends', async (_label, expected) => {
    const { db, store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 's', [event()]);
    const late = event();
    const attempt = db.transaction(async (tx) => {
      // The caller's transaction has an id now; an append that starts after it commits first.
      await tx.query('SELECT txid_current()');
      await store.append(tenant, 's', [event()], { expected: 'any' });
      return store.appendIn(tx, tenant, 's', [late], { expected });
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENT_APPEND', details: { streamId: 's' } });
    expect(await store.streamVersion(tenant, 's')).toBe(2);
    const retried = await db.transaction((tx) => store.appendIn(tx, tenant, 's', [late], { expected }));
    expect(retried).toMatchObject({ nextExpectedVersion: 3, replayed: false });
  });

  it('expecting the version it read, is WRONG_EXPECTED_VERSION with the version that is there', async () => {
    const { db, store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 's', [event()]);
    const attempt = db.transaction(async (tx) => {
      await tx.query('SELECT txid_current()');
      await store.append(tenant, 's', [event()], { expected: 'any' });
      return store.appendIn(tx, tenant, 's', [event()], { expected: 1 });
    });
    await expect(attempt).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', details: { expected: 1, actual: 2 } });
  });
});
