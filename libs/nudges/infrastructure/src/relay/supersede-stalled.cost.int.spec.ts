/**
 * What the relay's superseding of stalled-journey and next-step nudges costs PostgreSQL does not grow
 * with the nudges a member was ever owed: a batch of 500 (a relay catching up) looks up only those
 * still waiting, by index, even under a generic plan on tables never analysed (autovacuum off, as on
 * the shared CI cluster). Reading every nudge and delivery of the tenant per row held the relay's
 * transaction, and the global log's horizon with it, for a minute a batch.
 */
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage } from '@stepwise/test-support';
import { SUPERSEDE_NEXT_STEP, SUPERSEDE_STALLED } from './outbox-intake';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Shared Hit Blocks': number;
  readonly 'Shared Read Blocks': number;
  readonly Plans?: readonly PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const HISTORY = 30_000;
const BATCH = 500;

/** A rule whose waiting nudges a newer one replaces: its statement, and what orders the nudges (the n-th one's value, as SQL and as a literal). */
interface Superseding {
  readonly statement: string;
  readonly orderType: string;
  readonly orderSql: string;
  readonly orderLiteral: (n: number) => string;
}

const RULES: [string, Superseding][] = [
  ['STALLED_JOURNEY', { statement: SUPERSEDE_STALLED, orderType: 'text', orderSql: "'quiet-since-' || lpad(g::text, 8, '0')", orderLiteral: (n) => `'quiet-since-${String(n).padStart(8, '0')}'` }],
  ['NEXT_STEP', { statement: SUPERSEDE_NEXT_STEP, orderType: 'bigint', orderSql: "'reflection-' || g", orderLiteral: (n) => String(n) }],
];

describe.each(RULES)('superseding %s nudges on PostgreSQL', (rule, { statement, orderType, orderSql, orderLiteral }) => {
  let storage: Storage;
  const TENANT = `tenant-supersede-cost-${rule}`;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 2 });
    // Three members' long history: a quarter of this rule's nudges, nearly all settled long ago; the last 100 still waiting.
    await storage.database.query(
      `INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, journey_id, team_id, subject_id, title, body, state, due_at, created_at, updated_at)
       SELECT $1, 'n-' || g, 'leader-' || (g % 3), CASE WHEN g % 4 = 0 THEN $3 ELSE 'REFLECT' END, 'journey-' || (g % 50), 'team',
         ${orderSql}, 't', 'b', CASE WHEN g > $2 - 100 THEN 'SCHEDULED' ELSE 'SUPPRESSED' END, now(), now(), now()
       FROM generate_series(1, $2::integer) g`,
      [TENANT, HISTORY, rule],
    );
    // Each owed by the g-th event (a next-step nudge's order is its outbox row's).
    await storage.database.query(
      `INSERT INTO nudges.outbox (nudge_id, tenant_id, rule, recipient_id, journey_id, team_id, subject_id, dedupe_key, due_at, facts, caused_by_position, relayed_at)
       SELECT 'n-' || g, $1, CASE WHEN g % 4 = 0 THEN $3 ELSE 'REFLECT' END, 'leader-' || (g % 3), 'journey-' || (g % 50), 'team', ${orderSql}, $1 || '/' || g, now(), '{}', g, now()
       FROM generate_series(1, $2::integer) g`,
      [TENANT, HISTORY, rule],
    );
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, attempts, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
       SELECT 'd-' || g, $1, 'MEMBER', 'n-' || g, 'leader-' || (g % 3), '{}'::jsonb, CASE WHEN g > $2 - 100 THEN 'PENDING' ELSE 'SUPPRESSED' END, 0, 12, 12, now(), now(), now()
       FROM generate_series(1, $2::integer) g`,
      [TENANT, HISTORY],
    );
  }, 60_000);

  afterAll(() => storage?.close());

  it('a batch of 500 touches the nudges still waiting, not the whole history, under a generic plan', async () => {
    const members = Array.from({ length: BATCH }, (_, index) => `leader-${index % 3}`);
    const journeys = Array.from({ length: BATCH }, (_, index) => `journey-${index % 50}`);
    const orders = Array.from({ length: BATCH }, (_, index) => orderLiteral(HISTORY + 1 + index));
    const plan = await storage.database
      .transaction(async (tx) => {
        // The plan a long-lived pooled connection falls back to after a few runs of the prepared statement.
        await tx.exec('SET LOCAL plan_cache_mode = force_generic_plan');
        await tx.exec(`PREPARE supersede(text, text[], text[], ${orderType}[], text, timestamptz) AS ${statement}`);
        // Written out, not bound: EXECUTE takes its own arguments (these are plain tokens).
        const array = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`;
        const { rows } = await tx.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE supersede('${TENANT}', ${array(members)}, ${array(journeys)}, ARRAY[${orders.join(',')}]::${orderType}[], 'superseded', now())`,
        );
        throw Object.assign(new Error('undo the batch'), { plan: rows[0]['QUERY PLAN'][0].Plan });
      })
      .catch((error: { plan?: PlanNode }) => {
        if (!error.plan) throw error;
        return error.plan;
      });
    const scanned = nodesOf(plan).filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']);
    expect(scanned).not.toContain('member_nudges');
    expect(scanned).not.toContain('deliveries');
    expect(scanned).not.toContain('outbox');
    // The waiting nudges and their deliveries live in a few pages; the history is thousands.
    expect(plan['Shared Hit Blocks'] + plan['Shared Read Blocks']).toBeLessThan(3_000);
  });
});
