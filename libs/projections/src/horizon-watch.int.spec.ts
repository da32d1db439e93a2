/**
 * The warning about a transaction holding the global log horizon, on PostgreSQL, as logged: once
 * per blocker, naming its pid, database and age, and never for a stranger in another database.
 */
import { Writable } from 'node:stream';
import { eventStoreMigrations } from '@stepwise/event-store';
import { createLogger, type Storage } from '@stepwise/platform';
import { holdForeignTransaction, holdTransactionOn, openTestStorage } from '@stepwise/test-support';
import { HorizonWatch } from './horizon-watch';

describe('HorizonWatch on PostgreSQL', () => {
  let storage: Storage;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'test',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const warnings = () => lines.filter((line) => line.level === 'warn');

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: eventStoreMigrations, upcasters: [] });
  });

  afterAll(() => storage.close());

  beforeEach(() => {
    lines.length = 0;
  });

  const watch = (warnAfterSeconds = 0.3) => new HorizonWatch({ holder: () => storage.eventStore.horizonHolder(), logger, warnAfterSeconds });

  it('warns once per blocker held past the threshold, naming its pid, database and age', async () => {
    const horizon = watch();
    const first = await holdTransactionOn(storage.database);
    try {
      // Below the threshold, nothing: a threshold the hold cannot reach however busy the machine (on a
      // busy one, opening the hold took 0.5 s, past the 0.3 s the rest of the spec waits out).
      await watch(60).check();
      expect(warnings()).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await horizon.check();
      await horizon.check();
      await horizon.check();
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toMatchObject({ pid: first.pid, database: first.database, xid: first.xid, msg: expect.stringContaining('horizon') });
      expect(warnings()[0].ageSeconds).toBeGreaterThanOrEqual(0.3);
    } finally {
      await first.end();
    }
    await horizon.check();

    const second = await holdTransactionOn(storage.database);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await horizon.check();
      await horizon.check();
      expect(warnings()).toHaveLength(2);
      expect(warnings()[1]).toMatchObject({ pid: second.pid, xid: second.xid });
    } finally {
      await second.end();
    }
  });

  it('says nothing about a transaction in another database', async () => {
    const horizon = watch();
    const stranger = await holdForeignTransaction();
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await horizon.check();
      expect(warnings()).toHaveLength(0);
    } finally {
      await stranger.end();
    }
  });

  it('tells a database out of reach once, at warn without a stack, and once when it is back', async () => {
    let away = 3;
    const horizon = new HorizonWatch({
      holder: async () => {
        if (away-- > 0) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        return storage.eventStore.horizonHolder();
      },
      logger,
    });
    for (let look = 0; look < 5; look += 1) await horizon.check();
    expect(lines.map((line) => [line.level, line.code ?? null, line.msg])).toEqual([
      ['warn', 'DATABASE_UNAVAILABLE', 'database out of reach; the horizon watch looks again until it is back'],
      ['info', null, 'database reached again; the horizon watch goes on'],
    ]);
    expect(lines.some((line) => 'err' in line)).toBe(false);
  });
});
