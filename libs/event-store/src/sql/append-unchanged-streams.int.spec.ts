/**
 * An append guarded by the other streams its decision read (`unchanged`): it commits only if each is
 * still at the version read, and an append to one of them racing it waits for it, or it for that
 * one, so a decision never stands on a team or organisation changed underneath it. PostgreSQL for
 * the race (PGlite runs one transaction at a time); the rules on both.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE_ENGINES, eventStoreOn, holdTransactionOn, openEventStorePostgres } from '@stepwise/test-support';
import type { NewEvent } from '../event-store.port';

const event = (): NewEvent => ({ id: randomUUID(), type: 'StepPlanned', data: { title: 'x' } });

describe.each(EVENT_STORE_ENGINES)('an append guarded by the streams its decision read, on %s', (_name, open) => {
  const engine = eventStoreOn(open);

  it('appends while each stream is at the version read (an absent one at 0), and is WRONG_EXPECTED_VERSION, writing nothing, once one moved', async () => {
    const { store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 'team-1', [event(), event()]);
    const guarded = await store.append(tenant, 'journey-1', [event()], { expected: 'no-stream', unchanged: [{ streamId: 'team-1', version: 2 }, { streamId: 'organisation-1', version: 0 }] });
    expect(guarded.nextExpectedVersion).toBe(1);

    await store.append(tenant, 'team-1', [event()]);
    const stale = store.append(tenant, 'journey-1', [event()], { expected: 1, unchanged: [{ streamId: 'team-1', version: 2 }] });
    await expect(stale).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', details: { streamId: 'journey-1', actual: -1 } });
    expect(await store.streamVersion(tenant, 'journey-1')).toBe(1);
    // Read again, decided again: it goes through.
    expect((await store.append(tenant, 'journey-1', [event()], { expected: 1, unchanged: [{ streamId: 'team-1', version: 3 }] })).nextExpectedVersion).toBe(2);
  });

  it('refuses a guard on its own stream, twice on one stream, or at a version that is no version: VALIDATION_FAILED', async () => {
    const { store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    const refused = (unchanged: unknown) => store.append(tenant, 'journey-1', [event()], { unchanged } as never);
    await expect(refused([{ streamId: 'journey-1', version: 0 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'unchanged[0].streamId' } });
    await expect(refused([{ streamId: 'team-1', version: 0 }, { streamId: 'team-1', version: 0 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'unchanged[1].streamId' } });
    await expect(refused([{ streamId: 'team-1', version: -1 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'unchanged[0].version' } });
    expect(await store.streamVersion(tenant, 'journey-1')).toBe(0);
  });
});

describe('a guarded append racing an append to a stream it read (PostgreSQL)', () => {
  const engine = eventStoreOn(openEventStorePostgres);

  it('waits for an append to the team still open, then is refused; an append to the team waits for it in turn', async () => {
    const { db, store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 'team-1', [event()]);
    // The team's cancellation, appended and not yet committed when the journey's write arrives.
    const cancellation = await holdTransactionOn(db, (tx) => store.appendIn(tx, tenant, 'team-1', [event()], { expected: 1 }));
    let write: Promise<unknown>;
    try {
      write = store.append(tenant, 'journey-1', [event()], { expected: 'no-stream', unchanged: [{ streamId: 'team-1', version: 1 }] });
      let settled = false;
      void write.then(() => (settled = true), () => (settled = true));
      await sleep(200);
      expect(settled).toBe(false);
    } finally {
      // Ends whatever an expectation said: an open transaction would hold the log's horizon for later files.
      await cancellation.end();
    }
    await expect(write).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
    expect(await store.streamVersion(tenant, 'journey-1')).toBe(0);

    // The other way round: the journey's write holds the team as read, the team's append waits for its commit.
    const journeyWrite = await holdTransactionOn(db, (tx) =>
      store.appendIn(tx, tenant, 'journey-1', [event()], { expected: 'no-stream', unchanged: [{ streamId: 'team-1', version: 2 }] }),
    );
    let teamWrite: Promise<unknown>;
    try {
      let teamDone = false;
      teamWrite = store.append(tenant, 'team-1', [event()], { expected: 2 }).then(() => (teamDone = true));
      await sleep(200);
      expect(teamDone).toBe(false);
    } finally {
      await journeyWrite.end();
    }
    await teamWrite;
    expect([await store.streamVersion(tenant, 'journey-1'), await store.streamVersion(tenant, 'team-1')]).toEqual([1, 3]);
  });

  it('an append waiting for a stream takes its transaction id only once it holds it: a write that held the stream as read, and committed first, comes first in the log', async () => {
    const { db, store } = engine;
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 'team-1', [event()]);
    // The journey's decision holds the team as read (its guard's shared lock) before it has a transaction id of its own.
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const journeyWrite = db.transaction(async (tx) => {
      await tx.query('SELECT es_streams_unchanged($1, $2::text[], $3::bigint[])', [tenant, ['team-1'], [1]]);
      held();
      await released;
      return store.appendIn(tx, tenant, 'journey-1', [event()], { expected: 'no-stream', unchanged: [{ streamId: 'team-1', version: 1 }] });
    });
    let teamWrite: ReturnType<typeof store.append>;
    try {
      await holding;
      // The team's append arrives and waits for the journey's write to commit.
      teamWrite = store.append(tenant, 'team-1', [event()], { expected: 1 });
      await sleep(200);
    } finally {
      release();
    }
    const journey = (await journeyWrite).position;
    const team = (await teamWrite).position;
    // Readers take the log in (transaction id, position) order: the journey's write committed first, so it comes first.
    expect({ journeyFirst: journey.txId < team.txId, journey, team }).toMatchObject({ journeyFirst: true });
  });
});
