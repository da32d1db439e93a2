import { migrate, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, SqlEventStore, type EventStore } from '@stepwise/event-store';
import { runInTenant, type EventSourcedDecider } from '@stepwise/kernel';
import { pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { commandFingerprint } from './command-fingerprint';
import { handleCommand, type CommandResult } from './handle-command';
import { loadState } from './load-state';
import { StreamLock } from './stream-lock';
import { StreamStateCache } from './stream-state.cache';

// A counter whose events carry the total the decider saw: a decision on stale state (a lost update)
// shows as an event whose total is not the running sum of the stream.
type CounterCommand = { readonly type: 'Add'; readonly by: number };
type CounterEvent = { readonly type: 'Added'; readonly data: { readonly by: number; readonly total: number } };
interface CounterState {
  readonly total: number;
  readonly adds: number;
}
const counter: EventSourcedDecider<CounterCommand, CounterEvent, CounterState> = {
  initialState: () => ({ total: 0, adds: 0 }),
  decide: (command, state) => (command.by === 0 ? [] : [{ type: 'Added', data: { by: command.by, total: state.total + command.by } }]),
  evolve: (state, event) => ({ total: state.total + event.data.by, adds: state.adds + 1 }),
  eventSchemaVersions: { Added: 1 },
};

/** One process's view: its store, and its own lock and cache. */
interface Process {
  readonly store: EventStore;
  readonly lock: StreamLock;
  readonly cache: StreamStateCache;
}

const processOver = (db: SqlDatabase, cache = new StreamStateCache()): Process => ({ store: new SqlEventStore(db), lock: new StreamLock(), cache });

const add = (process: Process, tenantId: string, streamId: string, by: number, commandId: string = randomUUID(), maxAttempts?: number): Promise<CommandResult<CounterEvent>> =>
  runInTenant({ tenantId, correlationId: commandId }, () =>
    handleCommand({
      ...process,
      decider: counter,
      streamId,
      metadata: { tenantId, commandId, actorId: 'tester', correlationId: commandId },
      command: () => ({ type: 'Add', by }),
      maxAttempts,
    }),
  );

/** A command that states what it asks for (its fingerprint), and may pause once it has read the stream. */
const addAsking = (
  process: Process,
  tenantId: string,
  streamId: string,
  by: number,
  commandId: string,
  decided: () => Promise<void> = async () => undefined,
): Promise<CommandResult<CounterEvent>> =>
  runInTenant({ tenantId, correlationId: commandId }, () =>
    handleCommand({
      ...process,
      decider: counter,
      streamId,
      metadata: { tenantId, commandId, actorId: 'tester', correlationId: commandId, fingerprint: commandFingerprint('Add', { streamId, by }) },
      command: async () => {
        await decided();
        return { type: 'Add', by };
      },
    }),
  );

/** The whole stream, folded from the store without any cache, and checked for decisions on stale state. */
const foldedFromStore = async (store: EventStore, tenantId: string, streamId: string): Promise<CounterState> => {
  const stream = await store.readStream(tenantId, streamId);
  let state = counter.initialState();
  stream.forEach((event, index) => {
    expect(event.streamVersion).toBe(index + 1);
    const data = event.data as CounterEvent['data'];
    expect(data.total).toBe(state.total + data.by);
    state = counter.evolve(state, { type: 'Added', data });
  });
  return state;
};

/**
 * Counts the stream reads sent to the store (each one statement) and the events they returned: a
 * cached command reads only those after its snapshot, a cold one all of them.
 */
const countingReads = (store: EventStore): { store: EventStore; eventsRead: () => number; reads: () => number } => {
  let eventsRead = 0;
  let reads = 0;
  const counted = Object.create(store) as EventStore;
  counted.readStream = async (tenantId, streamId, options) => {
    reads += 1;
    const events = await store.readStream(tenantId, streamId, options);
    eventsRead += events.length;
    return events;
  };
  counted.readStreamTails = async (tenantId, streams, options) => {
    reads += 1;
    const tails = await store.readStreamTails(tenantId, streams, options);
    eventsRead += tails.flat().length;
    return tails;
  };
  return { store: counted, eventsRead: () => eventsRead, reads: () => reads };
};

const engines: ReadonlyArray<[string, () => Promise<SqlDatabase>]> = [
  ['PostgreSQL', async () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 8 })],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

describe.each(engines)('handleCommand on %s', (_engine, open) => {
  let db: SqlDatabase;
  let process: Process;
  let tenantId: string;

  beforeAll(async () => {
    db = await open();
    await migrate(db, eventStoreMigrations);
  });
  afterAll(() => db.close());
  beforeEach(() => {
    process = processOver(db);
    tenantId = `tenant-${randomUUID()}`;
  });

  it('runs 50 concurrent commands on one stream one after another: none conflicts, versions are consecutive', async () => {
    // One attempt each: any conflict inside the process would fail its command.
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => add(process, tenantId, 'counter-1', index + 1, undefined, 1)));
    expect(results.map((result) => result.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(results.every((result) => !result.replayed && result.position !== undefined)).toBe(true);
    expect(await foldedFromStore(process.store, tenantId, 'counter-1')).toEqual({ total: 1275, adds: 50 });
    expect(process.lock.size).toBe(0);
  });

  it("writes each event at its type's schema version, as the decider declares it", async () => {
    const atVersion3 = { ...counter, eventSchemaVersions: { Added: 3 } };
    await runInTenant({ tenantId, correlationId: 'c' }, () =>
      handleCommand({
        ...process,
        decider: atVersion3,
        streamId: 'counter-v3',
        metadata: { tenantId, commandId: randomUUID(), actorId: 'tester', correlationId: 'c' },
        command: () => ({ type: 'Add', by: 2 }),
      }),
    );
    expect((await process.store.readStream(tenantId, 'counter-v3')).map((event) => event.schemaVersion)).toEqual([3]);
    // Folding it back goes through the same decoding: a reader that knows only v1 refuses the event.
    await expect(loadState(process.store, counter, tenantId, 'counter-v3', new StreamStateCache())).rejects.toMatchObject({ code: 'EVENT_NOT_DECODABLE' });
  });

  it('reads only the events after the cached version, and never reads back what it appended', async () => {
    const { store, eventsRead, reads } = countingReads(process.store);
    const counted = { ...process, store };
    for (const by of [1, 2, 3, 4]) await add(counted, tenantId, 'counter-1', by);
    // One read per command, of the tail after the cache, which the command's own append keeps
    // current: nothing comes back (a full read each time would be 0 + 1 + 2 + 3 events).
    expect([reads(), eventsRead()]).toEqual([4, 0]);
    expect(await loadState(store, counter, tenantId, 'counter-1', process.cache)).toEqual({ state: { total: 10, adds: 4 }, version: 4 });
    expect(eventsRead()).toBe(0);
    // What the cache folded from its own appends is what the store holds.
    expect(await loadState(process.store, counter, tenantId, 'counter-1', new StreamStateCache())).toEqual({ state: { total: 10, adds: 4 }, version: 4 });
  });

  it("reads its guards' streams in its own statement: alongside from the first command, every guard from the second", async () => {
    const { store, reads } = countingReads(process.store);
    const counted = { ...process, store };
    await add(counted, tenantId, 'guard-a', 2);
    await add(counted, tenantId, 'guard-b', 3);
    // Adds what the two guard streams total: the one beside the command, and one read once it has the state.
    const guarded = (commandId: string): Promise<CommandResult<CounterEvent>> =>
      runInTenant({ tenantId, correlationId: commandId }, () =>
        handleCommand({
          ...counted,
          decider: counter,
          streamId: 'counter-1',
          metadata: { tenantId, commandId, actorId: 'tester', correlationId: commandId },
          alongside: () => loadState(store, counter, tenantId, 'guard-a', process.cache),
          command: async (_state, a) => ({ type: 'Add', by: a.state.total + (await loadState(store, counter, tenantId, 'guard-b', process.cache)).state.total }),
        }),
      );
    const before = reads();
    expect((await guarded('first')).events).toEqual([{ type: 'Added', data: { by: 5, total: 5 } }]);
    expect(reads() - before).toBe(2);
    // Another process moves a guard: the next command sees it, and reads all three streams at once.
    await add(processOver(db), tenantId, 'guard-b', 10);
    const again = reads();
    expect((await guarded('second')).events).toEqual([{ type: 'Added', data: { by: 15, total: 20 } }]);
    expect(reads() - again).toBe(1);
    expect(await foldedFromStore(process.store, tenantId, 'counter-1')).toEqual({ total: 20, adds: 2 });
  });

  it('answers a retried command id with its original result, from the cache and after the cache lost it', async () => {
    const { store, eventsRead } = countingReads(process.store);
    const small = { ...process, store, cache: new StreamStateCache(1) };
    const original = await add(small, tenantId, 'counter-1', 5, 'command-1');
    await add(small, tenantId, 'counter-1', 7);
    const fromCache = await add(small, tenantId, 'counter-1', 5, 'command-1');
    expect(eventsRead()).toBe(0);
    await add(small, tenantId, 'counter-2', 1); // evicts counter-1 from a cache of one
    const rebuilt = await add(small, tenantId, 'counter-1', 5, 'command-1');
    expect(eventsRead()).toBe(2);
    for (const replay of [fromCache, rebuilt]) expect(replay).toEqual({ ...original, replayed: true });
    expect(original).toMatchObject({ version: 1, events: [{ type: 'Added', data: { by: 5, total: 5 } }], replayed: false });
    expect(await foldedFromStore(store, tenantId, 'counter-1')).toEqual({ total: 12, adds: 2 });
  });

  it('keeps tenants apart: the same stream and command ids in two tenants are two streams and two commands', async () => {
    const otherTenant = `tenant-${randomUUID()}`;
    await add(process, tenantId, 'counter-1', 5, 'command-1');
    const other = await add(process, otherTenant, 'counter-1', 7, 'command-1');
    expect(other).toMatchObject({ version: 1, replayed: false, events: [{ data: { by: 7, total: 7 } }] });
    expect(await loadState(process.store, counter, tenantId, 'counter-1', process.cache)).toEqual({ state: { total: 5, adds: 1 }, version: 1 });
    expect(await loadState(process.store, counter, otherTenant, 'counter-1', process.cache)).toEqual({ state: { total: 7, adds: 1 }, version: 1 });
    const crossing = runInTenant({ tenantId: otherTenant, correlationId: 'c' }, () =>
      handleCommand({
        ...process,
        decider: counter,
        streamId: 'counter-1',
        metadata: { tenantId, commandId: randomUUID(), actorId: 'tester', correlationId: 'c' },
        command: () => ({ type: 'Add', by: 1 }),
      }),
    );
    await expect(crossing).rejects.toMatchObject({ code: 'TENANT_MISMATCH' });
  });

  it('refuses a command id sent again with other input or for another stream: IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    const original = await addAsking(process, tenantId, 'counter-1', 5, 'command-1');
    await expect(addAsking(process, tenantId, 'counter-1', 6, 'command-1')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(addAsking(process, tenantId, 'counter-2', 5, 'command-1')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // A cold process (no cache) finds the same from the store.
    const cold = processOver(db);
    await expect(addAsking(cold, tenantId, 'counter-1', 6, 'command-1')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(addAsking(cold, tenantId, 'counter-1', 5, 'command-1')).resolves.toEqual({ ...original, replayed: true });
    expect(await foldedFromStore(process.store, tenantId, 'counter-1')).toEqual({ total: 5, adds: 1 });
    expect(await process.store.readStream(tenantId, 'counter-2')).toEqual([]);
  });

  it('writes nothing for a command that decides nothing', async () => {
    await add(process, tenantId, 'counter-1', 2);
    await expect(add(process, tenantId, 'counter-1', 0)).resolves.toMatchObject({ version: 1, position: undefined, events: [], replayed: false });
  });
});

describe('handleCommand in two processes on one PostgreSQL database', () => {
  let dbs: PostgresDatabase[];
  let tenantId: string;

  beforeAll(async () => {
    dbs = [new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 4 }), new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 4 })];
    await migrate(dbs[0], eventStoreMigrations);
  });
  afterAll(() => Promise.all(dbs.map((db) => db.close())));
  beforeEach(() => {
    tenantId = `tenant-${randomUUID()}`;
  });

  it('loses no update when both write to one stream, and each cache still folds to the whole stream', async () => {
    const [a, b] = dbs.map((db) => processOver(db));
    // Both caches warm and then stale: each process writes while the other's snapshot falls behind.
    await add(a, tenantId, 'counter-1', 1);
    await add(b, tenantId, 'counter-1', 1);
    const writes = Array.from({ length: 60 }, (_, index) => add(index % 2 === 0 ? a : b, tenantId, 'counter-1', index + 1, undefined, 100));
    const results = await Promise.all(writes);
    expect(results.map((result) => result.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, index) => index + 3));
    const whole = await foldedFromStore(a.store, tenantId, 'counter-1');
    expect(whole).toEqual({ total: 2 + 1830, adds: 62 });
    for (const process of [a, b]) {
      expect(await loadState(process.store, counter, tenantId, 'counter-1', process.cache)).toEqual({ state: whole, version: 62 });
    }
  });

  it('answers a command id applied by the other process with its original result', async () => {
    const [a, b] = dbs.map((db) => processOver(db));
    await add(b, tenantId, 'counter-1', 1); // b's cache now holds version 1
    const original = await add(a, tenantId, 'counter-1', 5, 'command-1');
    await expect(add(b, tenantId, 'counter-1', 5, 'command-1')).resolves.toEqual({ ...original, replayed: true });
  });

  it('two processes racing one command id agree: exactly one says replayed: false, and one event is written', async () => {
    for (let round = 1; round <= 5; round += 1) {
      const [a, b] = dbs.map((db) => processOver(db));
      // Both read the stream and decide before either appends: the store de-duplicates the second append.
      let arrived = 0;
      let release!: () => void;
      const bothDecided = new Promise<void>((resolve) => (release = resolve));
      const barrier = async (): Promise<void> => {
        arrived += 1;
        if (arrived === 2) release();
        await bothDecided;
      };
      const commandId = `race-${round}`;
      const results = await Promise.all([a, b].map((process) => addAsking(process, tenantId, `counter-${round}`, 5, commandId, barrier)));
      expect(results.map((result) => result.replayed).sort()).toEqual([false, true]);
      expect(results[0]).toEqual({ ...results[1], replayed: results[0].replayed });
      expect(await foldedFromStore(a.store, tenantId, `counter-${round}`)).toEqual({ total: 5, adds: 1 });
    }
  });

  it('gives up with CONCURRENT_MODIFICATION when the other process writes first on every attempt', async () => {
    const [a, b] = dbs.map((db) => processOver(db));
    let attempts = 0;
    const contested = runInTenant({ tenantId, correlationId: 'c' }, () =>
      handleCommand({
        ...a,
        decider: counter,
        streamId: 'counter-1',
        metadata: { tenantId, commandId: randomUUID(), actorId: 'tester', correlationId: 'c' },
        maxAttempts: 3,
        command: async () => {
          attempts += 1;
          await add(b, tenantId, 'counter-1', 100);
          return { type: 'Add', by: 1 };
        },
      }),
    );
    await expect(contested).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(attempts).toBe(3);
    expect(await foldedFromStore(a.store, tenantId, 'counter-1')).toEqual({ total: 300, adds: 3 });
  });
});
