/**
 * A member's nudges, paged while delivery defers one for quiet hours (which rewrites its due time):
 * the pages together list every nudge once, newest owed first, and a cursor of another shape (one
 * of the earlier due-time cursors), another member's or a forged one is VALIDATION_FAILED.
 */
import { randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { FixedClock, type PageRequest } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { codeOf, openTestStorage, type TestEngine } from '@stepwise/test-support';
import { DEFER_MEMBER } from '../delivery/delivery.statements';
import { NudgeHistoryReadModel, type HistoryViewer } from './nudge-history.read-model';

const MINUTE = 60_000;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('myNudges paging on %s', (_name, engineKind) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const tenant = `org-${randomUUID()}`;
  const ada: HistoryViewer = { organisationId: tenant, memberId: 'ada', orgRole: 'MEMBER' };
  let storage: Storage;
  let history: NudgeHistoryReadModel;

  const asTenant = async (sql: string, params: unknown[]): Promise<void> => {
    await storage.database.transaction(async (tx) => tx.query(sql, params), { setupSql: `SELECT set_config('stepwise.tenant_id', '${tenant}', true)` });
  };
  /** A nudge owed now (the clock then moves on a minute), due at `dueAt`, with its member delivery pending. */
  const owe = async (nudgeId: string, dueAt: string, memberId = 'ada'): Promise<void> => {
    const now = clock.now().toISOString();
    await asTenant(
      `INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, subject_id, title, body, state, due_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'REFLECT', 'step-1', 'Time to reflect', 'How did it go?', 'SCHEDULED', $4, $5, $5)`,
      [tenant, nudgeId, memberId, dueAt, now],
    );
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, 'MEMBER', $3, $4, '{}', 'PENDING', 3, 3, $5, $6, $6)`,
      [`d-${nudgeId}`, tenant, nudgeId, memberId, dueAt, now],
    );
    clock.advance(MINUTE);
  };
  /** As delivery does when the nudge comes due in the member's quiet hours: it waits until `until`. */
  const deferUntil = async (nudgeId: string, until: string): Promise<void> => {
    await asTenant(DEFER_MEMBER, [`d-${nudgeId}`, tenant, until, clock.now().toISOString(), until]);
  };
  const ids = (page: Awaited<ReturnType<NudgeHistoryReadModel['myNudges']>>): string[] => page.items.map(({ node }) => node.nudgeId);
  /** As the list writes them: its name, then the key. */
  const cursor = (key: readonly unknown[]): string => Buffer.from(JSON.stringify(['myNudges', ...key])).toString('base64url');

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
    history = new NudgeHistoryReadModel(new TenantReader(storage.database));
    // Owed in this order; due in the same order, an hour apart.
    await owe('n-1', '2026-03-02T10:00:00.000Z');
    await owe('n-2', '2026-03-02T11:00:00.000Z');
    await owe('n-3', '2026-03-02T12:00:00.000Z');
    await owe('n-4', '2026-03-02T13:00:00.000Z');
    await owe('n-bo', '2026-03-02T13:00:00.000Z', 'bo');
  });

  afterAll(() => storage?.close());

  it('lists every nudge once while one not yet listed is deferred past the page boundary, newest owed first', async () => {
    const first = await history.myNudges(ada, { first: 2 });
    expect(ids(first)).toEqual(['n-4', 'n-3']);
    // n-1, not yet listed, comes due in quiet hours and now waits until after every other one.
    await deferUntil('n-1', '2026-03-02T22:00:00.000Z');
    const second = await history.myNudges(ada, { first: 2, after: first.endCursor! });
    expect([...ids(first), ...ids(second)]).toEqual(['n-4', 'n-3', 'n-2', 'n-1']);
    expect(second.hasNextPage).toBe(false);
    expect(second.items.find(({ node }) => node.nudgeId === 'n-1')?.node.dueAt).toEqual(new Date('2026-03-02T22:00:00.000Z'));
  });

  it('lists every nudge once while one already listed is deferred', async () => {
    const first = await history.myNudges(ada, { first: 2 });
    await deferUntil('n-4', '2026-03-02T23:00:00.000Z');
    const second = await history.myNudges(ada, { first: 2, after: first.endCursor! });
    expect([...ids(first), ...ids(second)].sort()).toEqual(['n-1', 'n-2', 'n-3', 'n-4']);
  });

  it('refuses a cursor it did not give this member: VALIDATION_FAILED', async () => {
    const refused = (after: string): Promise<string | undefined> => codeOf(history.myNudges(ada, { first: 2, after } as PageRequest));
    // The earlier cursors held the due time and the id.
    expect(await refused(cursor(['2026-03-02T12:00:00.000Z', 'n-3']))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor(['n-bo']))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor(['n-missing']))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor(['n\u0000']))).toBe('VALIDATION_FAILED');
    expect(await refused('not-a-cursor')).toBe('VALIDATION_FAILED');
  });
});
