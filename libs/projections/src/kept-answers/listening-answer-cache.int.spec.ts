/**
 * Kept answers that listen, on PostgreSQL and PGlite: a notice on one of the cache's channels for a
 * tenant forgets that tenant's answers and no other's, whether another session sends it at commit
 * or a runner of this process tells it; and emptying projections for a rebuild forgets every
 * tenant's answers kept from them.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@stepwise/event-store';
import type { SqlDatabase } from '@stepwise/database';
import type { Storage } from '@stepwise/platform';
import { openTestStorage } from '@stepwise/test-support';
import { noticesCommitted } from '../committed-notices';
import type { Projection } from '../projection';
import { projectionsMigrations } from '../projections.migrations';
import { resetProjections } from '../rebuild-projections';
import { ListeningAnswerCache } from './listening-answer-cache';

/** Asks again every 10 ms until `done` holds or 10 s pass: notices arrive on the listening session soon after commit, not at once. */
const until = async (done: () => boolean | Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe.each<['postgres' | 'pglite']>([['postgres'], ['pglite']])('a listening answer cache, on %s', (engine) => {
  const channel = `kept_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let storage: Storage;
  let cache: ListeningAnswerCache;
  let reads = 0;

  /** The answer for `tenant`, read (counted) unless kept. */
  const answer = (tenant: string): Promise<string> =>
    cache.answer(tenant, 'the answer', 0, async () => {
      reads += 1;
      return { value: `read ${reads}`, weight: 10 };
    });
  /** Whether `tenant`'s answer is kept: asking reads nothing. */
  const kept = async (tenant: string): Promise<boolean> => {
    const before = reads;
    await answer(tenant);
    return reads === before;
  };
  /** Notices from the database arrive on the listening session soon after commit: wait for the cache to hear one. */
  const forgotten = async (tenant: string): Promise<void> => {
    await until(() => cache.size.entries === 0);
    expect(await kept(tenant)).toBe(false);
  };

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
    cache = await ListeningAnswerCache.open(storage.database, [channel]);
  });

  afterAll(async () => {
    await cache?.onModuleDestroy();
    await storage?.close();
  });

  it('keeps an answer until a notice for its tenant commits, and no other tenant’s notice forgets it', async () => {
    await answer('tenant-a');
    await answer('tenant-b');
    expect(await kept('tenant-a')).toBe(true);
    await storage.database.transaction(async (tx) => {
      await tx.query('SELECT pg_notify($1, $2)', [channel, 'tenant-b']);
    });
    await until(() => cache.size.entries <= 1);
    expect(await kept('tenant-b')).toBe(false);
    expect(await kept('tenant-a')).toBe(true);
  });

  it('forgets at once what a runner of this process tells it at commit', async () => {
    await answer('tenant-c');
    expect(await kept('tenant-c')).toBe(true);
    noticesCommitted(storage.database, [{ channel, payload: 'tenant-c' }]);
    expect(await kept('tenant-c')).toBe(false);
  });

  it('forgets every tenant’s answers when the projections that notify it are emptied for a rebuild', async () => {
    const notifying: Projection = {
      name: 'notifying',
      eventTypes: [],
      tables: [],
      apply: async () => undefined,
      rows: { shapes: {}, notify: [{ channel, on: new Set() }], apply: async () => undefined },
    };
    await answer('tenant-d');
    await answer('tenant-e');
    expect(await kept('tenant-d')).toBe(true);
    // Told in this process (a rebuild run beside the api) and through the database (a rebuild in another process).
    const heard: string[] = [];
    const unlisten = await storage.database.listen(channel, (payload) => heard.push(payload));
    try {
      await resetProjections(storage.database, `reset-${randomUUID()}`, [notifying]);
      await forgotten('tenant-d');
      expect(await kept('tenant-e')).toBe(false);
      await until(() => heard.includes('*'));
      expect(heard).toContain('*');
    } finally {
      await unlisten();
    }
  });
});

describe('a listening answer cache whose session is lost while it begins to listen, on postgres', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
  });

  afterAll(async () => {
    await storage?.close();
  });

  it('keeps nothing until every channel is heard on one session', async () => {
    const database = storage.database;
    let firstLost = false;
    let listens = 0;
    // The real database; only the order is arranged: the session of the first channel ends before the second is listened to.
    const losing = Object.create(database) as SqlDatabase;
    losing.listen = async (channel, onNotify, onLost) => {
      listens += 1;
      if (listens === 1) return database.listen(channel, onNotify, () => ((firstLost = true), onLost?.()));
      if (listens === 2) {
        await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-listener'`);
        await until(() => firstLost);
        expect(firstLost).toBe(true);
      }
      return database.listen(channel, onNotify, onLost);
    };
    const cache = await ListeningAnswerCache.open(losing, ['kept_first', 'kept_second']);
    try {
      let reads = 0;
      const read = async () => ({ value: (reads += 1), weight: 1 });
      await cache.answer('tenant', 'k', 0, read);
      await cache.answer('tenant', 'k', 0, read);
      expect(reads).toBe(2);
      // The retry listens to both channels again on one session, and then answers are kept.
      await until(async () => (await cache.answer('tenant', 'k', 0, read), cache.size.entries > 0));
      expect(cache.size.entries).toBe(1);
      expect(listens).toBeGreaterThanOrEqual(4);
    } finally {
      await cache.onModuleDestroy();
    }
  });
});
