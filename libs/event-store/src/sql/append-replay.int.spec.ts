/**
 * A replay is exactly one earlier append, also when one transaction made several appends to the same
 * stream with `appendIn` (a retried unit of work resends each of them): each replays on its own, and
 * anything spanning two of them is DUPLICATE_EVENT_ID. Run on both engines.
 */
import { randomUUID } from 'node:crypto';
import { EVENT_STORE_ENGINES, eventStoreOn } from '@stepwise/test-support';
import type { NewEvent } from '../event-store.port';

const event = (): NewEvent => ({ id: randomUUID(), type: 'StepPlanned', data: { title: 'x' } });

describe.each(EVENT_STORE_ENGINES)('replays of appends made in one transaction (%s)', (_engine, open) => {
  const engine = eventStoreOn(open);

  it('each append replays on its own; a batch spanning two of them is refused', async () => {
    const { db, store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    const [a, b, c] = [event(), event(), event()];
    const [first, second] = await db.transaction(async (tx) => [
      await store.appendIn(tx, tenant, 's', [a, b], { expected: 'no-stream' }),
      await store.appendIn(tx, tenant, 's', [c], { expected: 2 }),
    ]);
    expect(second.position.txId).toBe(first.position.txId);
    expect([first.replayed, second.replayed]).toEqual([false, false]);
    expect(await store.append(tenant, 's', [a, b], { expected: 'no-stream' })).toEqual({ ...first, replayed: true });
    expect(await store.append(tenant, 's', [c], { expected: 2 })).toEqual({ ...second, replayed: true });
    expect(await db.transaction((tx) => store.appendIn(tx, tenant, 's', [c]))).toEqual({ ...second, replayed: true });
    for (const overlap of [[b, c], [a, b, c], [a]]) {
      await expect(store.append(tenant, 's', overlap)).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    }
    expect(await store.streamVersion(tenant, 's')).toBe(3);
  });
});
