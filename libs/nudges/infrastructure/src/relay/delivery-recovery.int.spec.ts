/**
 * A member delivery whose last attempt's lease ran out is made dead by the lease-expiry sweep, and
 * its member's nudge with it: both or neither. A sweep stopped between the two (here the nudge's
 * update fails, as a process or a database that stops there would leave it) changes nothing, so its
 * lease is still expired and the next sweep does both: the member reads the nudge DEAD and admins
 * see the dead letter. Nudges an earlier sweep left scheduled beside a dead delivery are shown dead
 * by the 0429 repair migration. On PostgreSQL and PGlite.
 */
import { randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { FixedClock } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';
import { NudgeHistoryReadModel, type HistoryViewer } from '../history/nudge-history.read-model';
import { deadMemberNudgesRepairMigration } from './dead-member-nudges-repair.migration';
import { attemptRecordOf } from '../delivery/attempt-record';
import { DeliveryStore } from '../delivery/delivery.store';
import { DeliveryRecovery } from './delivery-recovery';

const OWED = '2026-03-02T09:00:00.000Z';
const LEASE_RAN_OUT = '2026-03-02T09:01:00.000Z';
const NOW = '2026-03-02T09:05:00.000Z';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('a member delivery dead with its lost lease, on %s', (_name, engineKind) => {
  const clock = new FixedClock(NOW);
  let storage: Storage;
  let history: NudgeHistoryReadModel;
  let tenant: string;
  let ada: HistoryViewer;
  let admin: HistoryViewer;

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
    history = new NudgeHistoryReadModel(new TenantReader(storage.database));
  });
  afterAll(() => storage?.close());
  beforeEach(() => {
    tenant = `org-${randomUUID()}`;
    ada = { organisationId: tenant, memberId: 'ada', orgRole: 'MEMBER' };
    admin = { organisationId: tenant, memberId: 'admin', orgRole: 'ADMIN' };
  });

  /** Ada's nudge, scheduled, and its member delivery in `state` (SENDING: its last attempt under way, its lease run out). */
  const owe = async (nudgeId: string, state: 'SENDING' | 'DEAD' | 'PENDING', nudgeState = 'SCHEDULED'): Promise<string> => {
    await storage.database.transaction(
      (tx) =>
        tx.query(
          `INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, subject_id, title, body, state, due_at, created_at, updated_at)
           VALUES ($1, $2, 'ada', 'REFLECT', 'step-1', 'Time to reflect', 'How did it go?', $3, $4, $4, $4)`,
          [tenant, nudgeId, nudgeState, OWED],
        ),
      { setupSql: tenantSettingSql(tenant) },
    );
    const deliveryId = `d-${nudgeId}`;
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, channel, attempts, max_attempts, attempt_budget,
         next_attempt_at, lease_until, last_attempt_at, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'MEMBER', $3, 'ada', '{}', $4, 'EMAIL', 3, 3, 3, $5, $6, $5, $5, $5, $7)`,
      [deliveryId, tenant, nudgeId, state, OWED, state === 'SENDING' ? LEASE_RAN_OUT : null, state === 'DEAD' ? LEASE_RAN_OUT : null],
    );
    return deliveryId;
  };

  const deliveryState = async (deliveryId: string) =>
    (await storage.database.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0]?.state;
  const adasNudges = async () => (await history.myNudges(ada, { first: 10 })).items.map(({ node }) => [node.nudgeId, node.state, node.channel]);

  it('makes the delivery and its nudge dead together: a sweep stopped before the nudge changes nothing, and the next does both', async () => {
    const deliveryId = await owe('n-lost', 'SENDING');
    // The sweep stops after the delivery's update and before the nudge's: that update fails.
    await storage.database.exec(`
      CREATE FUNCTION test_stop_before_dead_nudge() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the sweep stopped here';
      END
      $$;
      CREATE TRIGGER stop_before_dead_nudge BEFORE UPDATE ON nudges.member_nudges
        FOR EACH ROW WHEN (NEW.state = 'DEAD') EXECUTE FUNCTION test_stop_before_dead_nudge();`);
    const recovery = new DeliveryRecovery(storage.database, clock);
    try {
      await expect(recovery.expireLeases()).rejects.toThrow(/the sweep stopped here/);
    } finally {
      await storage.database.exec('DROP TRIGGER stop_before_dead_nudge ON nudges.member_nudges; DROP FUNCTION test_stop_before_dead_nudge();');
    }
    // Neither changed (never a dead delivery beside a scheduled nudge): the lease is still expired.
    expect({ delivery: await deliveryState(deliveryId), nudges: await adasNudges() }).toEqual({ delivery: 'SENDING', nudges: [['n-lost', 'SCHEDULED', null]] });

    expect(await recovery.expireLeases()).toBe(1);

    expect({ delivery: await deliveryState(deliveryId), nudges: await adasNudges() }).toEqual({ delivery: 'DEAD', nudges: [['n-lost', 'DEAD', 'EMAIL']] });
    expect((await history.deadLetters(admin, { first: 10 })).items.map(({ node }) => [node.deliveryId, node.lastOutcome])).toEqual([[deliveryId, 'UNKNOWN']]);
  });

  it('shows an answer that came just after the sweep made the last attempt dead: the delivery and its nudge delivered, no dead letter', async () => {
    const deliveryId = await owe('n-late', 'SENDING');
    expect(await new DeliveryRecovery(storage.database, clock).expireLeases()).toBe(1);
    expect([await deliveryState(deliveryId), await adasNudges()]).toEqual(['DEAD', [['n-late', 'DEAD', 'EMAIL']]]);

    // The email's send was answered 250 at the last moment; its conclusion is written after the sweep's.
    const store = new DeliveryStore(storage.database);
    const [delivery] = await store.load(tenant, [deliveryId]);
    const record = attemptRecordOf({ kind: 'delivered', statusCode: 250, detail: '250 queued' }, 59_000, '250 queued', []);
    expect(await store.conclude(delivery, 3, 'EMAIL', new Date(OWED), record, { state: 'DELIVERED' })).toBe(true);

    expect([await deliveryState(deliveryId), await adasNudges()]).toEqual(['DELIVERED', [['n-late', 'DELIVERED', 'EMAIL']]]);
    expect((await history.deadLetters(admin, { first: 10 })).items).toEqual([]);
  });

  it('dates the attempt of unknown outcome when it started (its claim), not when the sweep wrote it off', async () => {
    const deliveryId = await owe('n-dated', 'SENDING');

    expect(await new DeliveryRecovery(storage.database, clock).expireLeases()).toBe(1);

    const { rows } = await storage.database.query<{ attempt_number: number; at: Date; outcome: string }>(
      'SELECT attempt_number, at, outcome FROM nudges.delivery_attempts WHERE delivery_id = $1',
      [deliveryId],
    );
    expect(rows.map((row) => [row.attempt_number, new Date(row.at).toISOString(), row.outcome])).toEqual([[3, OWED, 'UNKNOWN']]);
  });

  it('shows dead, on repair, the nudges an earlier sweep left scheduled beside their dead delivery, and nothing else', async () => {
    await owe('n-left-scheduled', 'DEAD');
    await owe('n-already-dead', 'DEAD', 'DEAD');
    await owe('n-still-owed', 'PENDING');

    // As the migration runs, in the transaction of its run: it leaves no tenant set for what comes after.
    const tenantAfter = await storage.database.transaction(async (tx) => {
      await tx.exec(deadMemberNudgesRepairMigration.sql);
      return (await tx.query<{ tenant: string | null }>(`SELECT current_setting('stepwise.tenant_id', true) AS tenant`)).rows[0].tenant;
    });

    const nudges = (await history.myNudges(ada, { first: 10 })).items.map(({ node }) => [node.nudgeId, node.state, node.channel]);
    expect(nudges.sort()).toEqual([
      ['n-already-dead', 'DEAD', null],
      ['n-left-scheduled', 'DEAD', 'EMAIL'],
      ['n-still-owed', 'SCHEDULED', null],
    ]);
    expect(tenantAfter ?? '').toBe('');
  });
});
