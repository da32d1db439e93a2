/**
 * Dead letters, paged while another admin replays one that was not yet listed and it dies again
 * (which gives it a new finish time): the pages together list every dead letter once, and a cursor
 * of another shape (one of the earlier finish-time cursors), another organisation's or a forged one
 * is VALIDATION_FAILED.
 */
import { randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { FixedClock, type PageRequest } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { codeOf, openTestStorage, type TestEngine } from '@stepwise/test-support';
import { CLAIM_WEBHOOKS, CONCLUDE_WEBHOOKS } from '../delivery/delivery.statements';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';
import { NudgeHistoryActions } from './nudge-history.actions';
import { NudgeHistoryReadModel, type HistoryViewer } from './nudge-history.read-model';

const MINUTE = 60_000;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('deadLetters paging on %s', (_name, engineKind) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const tenant = `org-${randomUUID()}`;
  const otherTenant = `org-${randomUUID()}`;
  const admin: HistoryViewer = { organisationId: tenant, memberId: 'admin', orgRole: 'ADMIN' };
  let storage: Storage;
  let history: NudgeHistoryReadModel;
  let actions: NudgeHistoryActions;

  /** A webhook delivery owed now that died at once (the clock then moves on a minute). */
  const dead = async (deliveryId: string, tenantId = tenant, state: 'DEAD' | 'DELIVERED' = 'DEAD'): Promise<void> => {
    const now = clock.now().toISOString();
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, endpoint_id, event_type, payload, state, attempts, max_attempts, attempt_budget,
         next_attempt_at, last_outcome, last_status_code, last_attempt_at, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'WEBHOOK', 'crm', 'StepTaken', '{}', $4, 1, 1, 1, $3, 'PERMANENT', 400, $3, $3, $3, $3)`,
      [deliveryId, tenantId, now, state],
    );
    clock.advance(MINUTE);
  };
  /** Another admin replays it; its one attempt fails for good, so it is dead again, finished now. */
  const replayAndDieAgain = async (deliveryId: string): Promise<void> => {
    await actions.replay({ organisationId: tenant, memberId: 'other-admin', orgRole: 'ADMIN', commandId: randomUUID(), fingerprint: 'replay' }, deliveryId);
    const at = clock.now().toISOString();
    const claimed = await storage.database.query<{ attempts: number }>(CLAIM_WEBHOOKS, [[deliveryId], [tenant], [new Date(clock.now().getTime() + MINUTE).toISOString()], [at], [at]]);
    expect(claimed.rows).toHaveLength(1);
    await storage.database.query(CONCLUDE_WEBHOOKS, [[deliveryId], [claimed.rows[0].attempts], [tenant], [at], ['WEBHOOK'], ['PERMANENT'], [400], ['HTTP 400'], [5], ['DEAD'], [null]]);
    clock.advance(MINUTE);
  };
  const ids = (page: Awaited<ReturnType<NudgeHistoryReadModel['deadLetters']>>): string[] => page.items.map(({ node }) => node.deliveryId);
  /** As the list writes them: its name, then the key. */
  const cursor = (key: readonly unknown[]): string => Buffer.from(JSON.stringify(['deadLetters', ...key])).toString('base64url');

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
    history = new NudgeHistoryReadModel(new TenantReader(storage.database));
    actions = new NudgeHistoryActions(storage.database, clock);
    // The endpoint the dead letters were owed to, still there: a replay goes to it.
    await storage.database.transaction(
      (tx) =>
        tx.query(
          `INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, subscriptions, status, sealed_secret, registered_at, updated_at)
           VALUES ($1, 'crm', 'https://hooks.example.com/crm', '["StepTaken"]'::jsonb, 'ACTIVE', 'sealed', $2, $2)`,
          [tenant, clock.now().toISOString()],
        ),
      { setupSql: tenantSettingSql(tenant) },
    );
    for (const id of ['d-1', 'd-2', 'd-3', 'd-4']) await dead(`${tenant}-${id}`);
    await dead(`${otherTenant}-d-1`, otherTenant);
  });

  afterAll(() => storage?.close());

  it('lists every dead letter once while one not yet listed is replayed and dies again', async () => {
    const first = await history.deadLetters(admin, { first: 2 });
    expect(ids(first)).toEqual([`${tenant}-d-4`, `${tenant}-d-3`]);
    await replayAndDieAgain(`${tenant}-d-1`);
    const second = await history.deadLetters(admin, { first: 2, after: first.endCursor! });
    expect([...ids(first), ...ids(second)].sort()).toEqual([`${tenant}-d-1`, `${tenant}-d-2`, `${tenant}-d-3`, `${tenant}-d-4`]);
    expect(second.hasNextPage).toBe(false);
  });

  it('lists every dead letter once while one already listed is replayed and dies again', async () => {
    const first = await history.deadLetters(admin, { first: 2 });
    await replayAndDieAgain(ids(first)[0]);
    const second = await history.deadLetters(admin, { first: 2, after: first.endCursor! });
    expect([...ids(first), ...ids(second)].sort()).toEqual([`${tenant}-d-1`, `${tenant}-d-2`, `${tenant}-d-3`, `${tenant}-d-4`]);
  });

  it('goes on from a cursor whose dead letter was replayed meanwhile and is still under way', async () => {
    const first = await history.deadLetters(admin, { first: 2 });
    await actions.replay({ organisationId: tenant, memberId: 'other-admin', orgRole: 'ADMIN', commandId: randomUUID(), fingerprint: 'replay' }, ids(first)[1]);
    const second = await history.deadLetters(admin, { first: 2, after: first.endCursor! });
    expect(ids(second)).toHaveLength(2);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(4);
  });

  it('refuses a cursor it did not give this organisation: VALIDATION_FAILED', async () => {
    const refused = (after: string): Promise<string | undefined> => codeOf(history.deadLetters(admin, { first: 2, after } as PageRequest));
    // The earlier cursors held the finish time and the id.
    expect(await refused(cursor(['2026-03-02T09:02:00.000Z', `${tenant}-d-3`]))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor([`${otherTenant}-d-1`]))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor(['no-such-delivery']))).toBe('VALIDATION_FAILED');
    expect(await refused(cursor(['d\u0000']))).toBe('VALIDATION_FAILED');
    expect(await refused('not-a-cursor')).toBe('VALIDATION_FAILED');
    // A delivery of the organisation that never died: as good as none (its id may be worked out from a reflection's).
    await dead(`${tenant}-delivered`, tenant, 'DELIVERED');
    expect(await refused(cursor([`${tenant}-delivered`]))).toBe('VALIDATION_FAILED');
  });
});
