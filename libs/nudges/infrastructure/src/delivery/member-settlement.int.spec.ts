/**
 * Settling member deliveries (`nudges.settle_member_deliveries` through the delivery store).
 *
 * A member's deliveries asked about at the same moment are decided in one statement, one after
 * another, the daily cap counting the ones decided before: no second statement waiting on the
 * member's lock for the first's commit.
 *
 * What settling a member's delivery costs PostgreSQL does not grow with what the member was already
 * sent, or spared, that day: the daily cap counts only the deliveries DELIVERED on the member's local
 * day and those in flight. A leader whose nudges the cap suppressed a thousand times today settles
 * the next one as cheaply as one who was sent nothing. The settlement runs under the member's lock,
 * so a cost that grew through the day also held up each of the member's next settlements.
 */
import { openTestStorage } from '@stepwise/test-support';
import { stepwiseSchema } from '@stepwise/read-models';
import type { SqlDatabase } from '@stepwise/database';
import { SETTLE_MEMBERS } from './delivery.statements';
import { DeliveryStore, type MemberDecision } from './delivery.store';

const TENANT = 'tenant-settlement-cost';
const DAY_START = '2026-11-04T00:00:00.000Z';
const DAY_END = '2026-11-05T00:00:00.000Z';
const AT = '2026-11-04T15:00:00.000Z';

/** The database, counting the settlement statements sent through it. */
const countingSettlements = (database: SqlDatabase): { database: SqlDatabase; settlements: () => number } => {
  let settlements = 0;
  const counted = new Proxy(database, {
    get: (target, key) => {
      if (key === 'query') {
        return (sql: string, ...rest: unknown[]) => {
          if (sql === SETTLE_MEMBERS) settlements += 1;
          return (target.query as (sql: string, ...rest: unknown[]) => unknown)(sql, ...rest);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { database: counted, settlements: () => settlements };
};

interface PlanNode {
  readonly 'Shared Hit Blocks': number;
  readonly 'Shared Read Blocks': number;
}

describe('settling a member delivery on PostgreSQL', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;

  /** `count` member deliveries of `member` finished today in `state`, and one PENDING delivery to settle. */
  const seed = async (member: string, state: 'SUPPRESSED' | 'DELIVERED', count: number): Promise<string> => {
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, suppressed_reason, max_attempts, attempt_budget,
         next_attempt_at, created_at, updated_at, finished_at)
       SELECT $1 || '-done-' || n, $2, 'MEMBER', $1 || '-nudge-' || n, $1, '{}', $3, CASE WHEN $3 = 'SUPPRESSED' THEN 'DAILY_CAP_REACHED' END, 5, 5,
         $4::timestamptz, $4::timestamptz, $4::timestamptz, $4::timestamptz + n * interval '1 second'
       FROM generate_series(1, $5::integer) AS n`,
      [member, TENANT, state, DAY_START, count],
    );
    const owed = `${member}-owed`;
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, 'MEMBER', $1, $3, '{}', 'PENDING', 5, 5, $4, $4, $4)`,
      [owed, TENANT, member, DAY_START],
    );
    return owed;
  };

  /** Buffers PostgreSQL touched to settle the delivery (inside the function too), and how it was settled. */
  const settle = async (member: string, delivery: string): Promise<{ buffers: number; settlement: string }> => {
    const params = [TENANT, [delivery], [member], [AT], [AT], [AT], [DAY_START], [DAY_END], [3], [3], ['IN_APP'], [null], [null], ['in-app'], [null], [null]];
    return storage.database.transaction(async (tx) => {
      const { rows } = await tx.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${SETTLE_MEMBERS}`, params);
      const plan = rows[0]['QUERY PLAN'][0].Plan;
      const { rows: settled } = await tx.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [delivery]);
      return { buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'], settlement: settled[0].state };
    });
  };

  beforeAll(async () => {
    // One connection: every settlement after the warm-up finds the catalogue already read.
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 1 });
  }, 60_000);
  afterAll(() => storage?.close());

  it('touches as many buffers for a member spared 3,000 times today as for one spared 10 times', async () => {
    // The first settlement on a connection also reads the catalogue (the function, the plans): not counted.
    await settle('member-warm-up', await seed('member-warm-up', 'SUPPRESSED', 1));
    const few = await settle('member-few', await seed('member-few', 'SUPPRESSED', 10));
    const many = await settle('member-many', await seed('member-many', 'SUPPRESSED', 3_000));
    // Suppressed deliveries are not counted by the cap: both are delivered in-app.
    expect(few.settlement).toBe('DELIVERED');
    expect(many.settlement).toBe('DELIVERED');
    // 3,000 rows checked one by one in the table take hundreds of buffers; counting only what counts, a few dozen either way.
    expect(many.buffers).toBeLessThan(few.buffers + 30);
  });

  it('still counts what was delivered today against the cap', async () => {
    const capped = await settle('member-capped', await seed('member-capped', 'DELIVERED', 3));
    expect(capped.settlement).toBe('SUPPRESSED');
  });

  it('decides a member’s deliveries asked about together in one statement, the cap counting each one decided before', async () => {
    const member = 'member-together';
    const first = await seed(member, 'DELIVERED', 1);
    const { rows } = await storage.database.query<{ delivery_id: string }>(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
       SELECT $1 || '-owed-' || n, $2, 'MEMBER', $1 || '-owed-' || n, $1, '{}', 'PENDING', 5, 5, $3, $3, $3 FROM generate_series(2, 3) AS n
       RETURNING delivery_id`,
      [member, TENANT, DAY_START],
    );
    const counting = countingSettlements(storage.database);
    const store = new DeliveryStore(counting.database);
    const deliveries = await store.load(TENANT, [first, ...rows.map((row) => row.delivery_id)]);
    const decision: MemberDecision = {
      now: new Date(AT),
      dueBy: new Date(AT),
      leaseUntil: new Date(AT),
      suppression: null,
      channel: { channel: 'IN_APP', address: null, route: null, passedOver: [] },
      sharedPost: null,
      day: { start: new Date(DAY_START), end: new Date(DAY_END) },
      // One already delivered today: with a cap of 3, two of the three owed go out and the last is spared.
      dailyCap: 3,
    };
    const settled = await Promise.all(deliveries.map((delivery) => store.settleMember(delivery as typeof delivery & { kind: 'MEMBER' }, decision)));
    expect(counting.settlements()).toBe(1);
    expect(settled.map((settlement) => settlement.kind)).toEqual(['delivered', 'delivered', 'suppressed']);
    expect(settled[2]).toEqual({ kind: 'suppressed', reason: 'DAILY_CAP_REACHED' });
  });
});
