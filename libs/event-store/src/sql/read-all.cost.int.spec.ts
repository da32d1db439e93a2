/**
 * What a page of the global log costs PostgreSQL does not grow with the log: a runner replaying a
 * long log (a rebuild, a new processor) reads page after page, and a page that scanned the whole
 * log, once per event it returned, made a rebuild quadratic.
 */
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@stepwise/database';
import { openTestStorage } from '@stepwise/test-support';
import { eventStoreMigrations } from './event-store.migrations';
import { readGlobalLogPage } from './read-all.query';

interface PlanNode {
  readonly 'Shared Hit Blocks': number;
  readonly 'Shared Read Blocks': number;
}

describe('a page of the global log on PostgreSQL', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: eventStoreMigrations, upcasters: [] });
    // A log of 4,000 events, 40 streams of 100, each its own transaction.
    for (let stream = 0; stream < 40; stream += 1) {
      await storage.eventStore.append(`tenant-${stream % 4}`, `counter-${randomUUID()}`, Array.from({ length: 100 }, (_, n) => ({ id: randomUUID(), type: 'Counted', data: { n, padding: 'x'.repeat(200) } })));
    }
  });
  afterAll(() => storage?.close());

  /** Buffers PostgreSQL touched to answer the page query a read sends. */
  const buffersOf = async (options: Parameters<typeof readGlobalLogPage>[2]): Promise<{ buffers: number; events: number }> => {
    let sent: { sql: string; params?: readonly unknown[] } | undefined;
    const recording: SqlExecutor = {
      query: (sql, params) => {
        sent = { sql, params };
        return storage.database.query(sql, params);
      },
      exec: (sql) => storage.database.exec(sql),
    };
    const page = await readGlobalLogPage(recording, 'database', options);
    if (!sent) throw new Error('no query sent');
    const { rows } = await storage.database.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sent.sql}`, sent.params);
    const plan = rows[0]['QUERY PLAN'][0].Plan;
    return { buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'], events: page.events.length };
  };

  it('touches a few buffers per page, not the whole log per event', async () => {
    const all = await buffersOf({ maxCount: 500 });
    const filtered = await buffersOf({ maxCount: 500, eventTypes: ['Counted'] });
    expect(all.events).toBe(500);
    expect(filtered.events).toBe(500);
    // The 500 events themselves live in a few dozen pages; a scan of the log per event is tens of thousands.
    expect(all.buffers).toBeLessThan(1_000);
    expect(filtered.buffers).toBeLessThan(1_000);
  });
});
