/**
 * The nudge history's retention deletes exactly what delivery has finished with before the cutoff:
 * finished deliveries with their attempts, settled member nudges with nothing still owed; it keeps
 * what is still owed or being sent, what finished after the cutoff, a delivery that carries a shared
 * team post, a member nudge whose delivery is still owed, every outbox row, and other tenants' rows
 * alike. Batches add up to the whole.
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { pruneNudgeHistory } from './nudge-history.retention';

const OLD = '2026-01-01T00:00:00.000Z';
const CUTOFF = new Date('2026-02-01T00:00:00.000Z');
const RECENT = '2026-02-15T00:00:00.000Z';

type DeliveryState = 'PENDING' | 'SENDING' | 'RETRYING' | 'DELIVERED' | 'SUPPRESSED' | 'DEAD';
type NudgeState = 'SCHEDULED' | 'DELIVERED' | 'SUPPRESSED' | 'DEAD' | 'DISMISSED';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('nudge history retention on %s', (_name, engineKind) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
  });
  afterAll(() => storage?.close());

  const asTenant = (tenant: string, sql: string, params: unknown[]) =>
    storage.database.transaction((tx) => tx.query(sql, params), { setupSql: `SELECT set_config('stepwise.tenant_id', '${tenant}', true)` });

  /** A nudge owed (its outbox row), as its member sees it, with one member delivery of two attempts. */
  const nudge = async (tenant: string, id: string, shown: { state: NudgeState; at: string }, delivery: { state: DeliveryState; finishedAt: string | null }): Promise<void> => {
    await storage.database.query(
      `INSERT INTO nudges.outbox (nudge_id, tenant_id, rule, recipient_id, subject_id, dedupe_key, due_at, facts, caused_by_position, relayed_at)
       VALUES ($1, $2, 'REFLECT', 'ada', 'step-1', $1, $3, '{}', 1, $3)`,
      [`${tenant}/${id}`, tenant, OLD],
    );
    await asTenant(
      tenant,
      `INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, subject_id, title, body, state, due_at, created_at, updated_at)
       VALUES ($1, $2, 'ada', 'REFLECT', 'step-1', 'Time to reflect', 'How did it go?', $3, $4, $4, $4)`,
      [tenant, id, shown.state, shown.at],
    );
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'MEMBER', $3, 'ada', '{}', $4, 3, 3, $5, $5, $5, $6)`,
      [`${tenant}/d-${id}`, tenant, id, delivery.state, OLD, delivery.finishedAt],
    );
    for (const attempt of [1, 2]) {
      await storage.database.query(
        `INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome) VALUES ($1, $2, $3, $4, 'IN_APP', 'RETRYABLE')`,
        [`${tenant}/d-${id}`, attempt, tenant, OLD],
      );
    }
  };

  const left = async (tenant: string) => {
    const deliveries = await storage.database.query<{ delivery_id: string }>('SELECT delivery_id FROM nudges.deliveries WHERE tenant_id = $1 ORDER BY 1', [tenant]);
    const attempts = await storage.database.query<{ delivery_id: string }>('SELECT DISTINCT delivery_id FROM nudges.delivery_attempts WHERE tenant_id = $1 ORDER BY 1', [tenant]);
    const outbox = await storage.database.query('SELECT 1 FROM nudges.outbox WHERE tenant_id = $1', [tenant]);
    const shown = await asTenant(tenant, 'SELECT nudge_id FROM nudges.member_nudges WHERE tenant_id = $1 ORDER BY 1', [tenant]);
    return {
      deliveries: deliveries.rows.map((row) => row.delivery_id.split('/d-')[1]),
      attempted: attempts.rows.map((row) => row.delivery_id.split('/d-')[1]),
      shown: shown.rows.map((row) => String(row.nudge_id)),
      outbox: outbox.rowCount,
    };
  };

  it('deletes what finished before the cutoff, and nothing still owed, newer, carrying a post, or of a nudge still owed', async () => {
    const tenant = `org-${randomUUID()}`;
    const other = `org-${randomUUID()}`;
    // Finished and settled before the cutoff: all three kinds of end, and a dismissal.
    await nudge(tenant, 'delivered-old', { state: 'DELIVERED', at: OLD }, { state: 'DELIVERED', finishedAt: OLD });
    await nudge(tenant, 'suppressed-old', { state: 'SUPPRESSED', at: OLD }, { state: 'SUPPRESSED', finishedAt: OLD });
    await nudge(tenant, 'dead-old', { state: 'DEAD', at: OLD }, { state: 'DEAD', finishedAt: OLD });
    await nudge(tenant, 'dismissed-old', { state: 'DISMISSED', at: OLD }, { state: 'DELIVERED', finishedAt: OLD });
    // Kept: finished after the cutoff; still owed, being sent or retried (whatever their age); dismissed recently.
    await nudge(tenant, 'delivered-recent', { state: 'DELIVERED', at: RECENT }, { state: 'DELIVERED', finishedAt: RECENT });
    await nudge(tenant, 'scheduled', { state: 'SCHEDULED', at: OLD }, { state: 'PENDING', finishedAt: null });
    await nudge(tenant, 'sending', { state: 'SCHEDULED', at: OLD }, { state: 'SENDING', finishedAt: null });
    await nudge(tenant, 'retrying', { state: 'SCHEDULED', at: OLD }, { state: 'RETRYING', finishedAt: null });
    await nudge(tenant, 'dismissed-recently', { state: 'DISMISSED', at: RECENT }, { state: 'DELIVERED', finishedAt: OLD });
    // Dismissed long ago while its delivery is still owed: the member row stays with it.
    await nudge(tenant, 'dismissed-owed', { state: 'DISMISSED', at: OLD }, { state: 'RETRYING', finishedAt: null });
    // The delivery that carries a team's shared post stays, so the post is known to be there.
    await nudge(tenant, 'carrier', { state: 'DELIVERED', at: OLD }, { state: 'DELIVERED', finishedAt: OLD });
    await storage.database.query(`INSERT INTO nudges.shared_channel_posts (tenant_id, post_key, carrier_delivery_id, created_at, updated_at) VALUES ($1, 'post-1', $2, $3, $3)`, [
      tenant,
      `${tenant}/d-carrier`,
      OLD,
    ]);
    await nudge(other, 'delivered-old', { state: 'DELIVERED', at: OLD }, { state: 'DELIVERED', finishedAt: OLD });
    await nudge(other, 'scheduled', { state: 'SCHEDULED', at: OLD }, { state: 'PENDING', finishedAt: null });

    const pruned = await pruneNudgeHistory(storage.database, CUTOFF);

    // A delivery that finished before the cutoff goes though its member row, dismissed since, stays.
    const kept = ['carrier', 'delivered-recent', 'dismissed-owed', 'retrying', 'scheduled', 'sending'];
    expect(await left(tenant)).toEqual({
      deliveries: kept,
      attempted: kept,
      shown: ['delivered-recent', 'dismissed-owed', 'dismissed-recently', 'retrying', 'scheduled', 'sending'],
      outbox: 11,
    });
    // The carrier's member row went (settled, nothing owed); its delivery stays for the post.
    expect(await left(other)).toEqual({ deliveries: ['scheduled'], attempted: ['scheduled'], shown: ['scheduled'], outbox: 2 });
    // Other suites' rows may share the database (PostgreSQL): at least ours went, counted.
    expect(pruned.deliveries).toBeGreaterThanOrEqual(6);
    expect(pruned.attempts).toBeGreaterThanOrEqual(12);
    expect(pruned.memberNudges).toBeGreaterThanOrEqual(5);
    // Nothing is left to delete: a second pass deletes none of these tenants' rows.
    await pruneNudgeHistory(storage.database, CUTOFF);
    expect((await left(tenant)).deliveries).toEqual(kept);
  });

  it('goes on batch after batch until nothing older than the cutoff is left', async () => {
    const tenant = `org-${randomUUID()}`;
    for (let index = 0; index < 7; index += 1) await nudge(tenant, `n-${index}`, { state: 'DELIVERED', at: OLD }, { state: 'DELIVERED', finishedAt: OLD });
    await pruneNudgeHistory(storage.database, CUTOFF, 2);
    expect(await left(tenant)).toEqual({ deliveries: [], attempted: [], shown: [], outbox: 7 });
  });
});
