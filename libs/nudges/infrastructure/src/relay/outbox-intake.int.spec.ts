/**
 * `nudges.take_in_outbox` takes only the candidates it could lock that are still unrelayed, and
 * writes the member's nudge and the deliveries of those alone, whatever else it was handed.
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { holdTransactionOn, openTestStorage } from '@stepwise/test-support';

describe('the outbox intake, on postgres', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const owe = async (tenantId: string, nudgeId: string): Promise<void> => {
    await storage.database.query(
      `INSERT INTO nudges.outbox (nudge_id, tenant_id, rule, recipient_id, subject_id, dedupe_key, due_at, facts, caused_by_position)
       VALUES ($1, $2, 'reflect', 'member-1', $1, $1, now(), '{}'::jsonb, 1)`,
      [nudgeId, tenantId],
    );
  };

  const takeIn = async (candidates: readonly { tenantId: string; nudgeId: string }[]): Promise<number> => {
    const column = <T>(pick: (candidate: { tenantId: string; nudgeId: string }) => T): T[] => candidates.map(pick);
    const { rows } = await storage.database.query<{ taken: number }>(
      `SELECT nudges.take_in_outbox($1::text[], now(), 5,
        $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[],
        $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::timestamptz[]) AS taken`,
      [
        column((c) => c.nudgeId),
        column((c) => c.tenantId),
        column(() => 'member-1'),
        column(() => 'reflect'),
        column(() => null),
        column(() => null),
        column((c) => c.nudgeId),
        column(() => 'Are we closer?'),
        column(() => 'You took a step.'),
        column(() => 'SCHEDULED'),
        column(() => null),
        column(() => new Date().toISOString()),
        column((c) => `delivery-${c.nudgeId}`),
        column((c) => c.nudgeId),
        column((c) => c.tenantId),
        column(() => 'MEMBER'),
        column(() => 'member-1'),
        column(() => null),
        column(() => null),
        column(() => '{}'),
        column(() => new Date().toISOString()),
      ],
    );
    return Number(rows[0].taken);
  };

  it('writes nothing for a candidate already relayed or locked by another relay, and all of the rest, across tenants', async () => {
    const [a, b] = [`tenant-a-${randomUUID()}`, `tenant-b-${randomUUID()}`];
    const candidates = [
      { tenantId: a, nudgeId: `relayed-${randomUUID()}` },
      { tenantId: b, nudgeId: `locked-${randomUUID()}` },
      { tenantId: a, nudgeId: `free-a-${randomUUID()}` },
      { tenantId: b, nudgeId: `free-b-${randomUUID()}` },
    ];
    for (const { tenantId, nudgeId } of candidates) await owe(tenantId, nudgeId);
    await storage.database.query('UPDATE nudges.outbox SET relayed_at = now() WHERE nudge_id = $1', [candidates[0].nudgeId]);
    // Another relay taking it: the row locked in a transaction of its own until it ends.
    const elsewhere = await holdTransactionOn(storage.database, (tx) => tx.query('SELECT 1 FROM nudges.outbox WHERE nudge_id = $1 FOR UPDATE', [candidates[1].nudgeId]));
    try {
      expect(await takeIn(candidates)).toBe(2);
    } finally {
      await elsewhere.end();
    }
    const ids = candidates.map(({ nudgeId }) => nudgeId);
    const nudges = await storage.database.query<{ nudge_id: string; tenant_id: string }>(
      'SELECT nudge_id, tenant_id FROM nudges.member_nudges WHERE nudge_id = ANY($1) ORDER BY nudge_id',
      [ids],
    );
    expect(nudges.rows).toEqual([
      { nudge_id: candidates[2].nudgeId, tenant_id: a },
      { nudge_id: candidates[3].nudgeId, tenant_id: b },
    ]);
    const deliveries = await storage.database.query<{ delivery_id: string }>('SELECT delivery_id FROM nudges.deliveries WHERE nudge_id = ANY($1) ORDER BY delivery_id', [ids]);
    expect(deliveries.rows.map(({ delivery_id }) => delivery_id)).toEqual([`delivery-${candidates[2].nudgeId}`, `delivery-${candidates[3].nudgeId}`]);
    const unrelayed = await storage.database.query<{ nudge_id: string }>('SELECT nudge_id FROM nudges.outbox WHERE nudge_id = ANY($1) AND relayed_at IS NULL', [ids]);
    expect(unrelayed.rows.map(({ nudge_id }) => nudge_id)).toEqual([candidates[1].nudgeId]);

    // The locked one, free now, is taken by the next pass with everything it needs.
    expect(await takeIn([candidates[1]])).toBe(1);
    const taken = await storage.database.query<{ count: string }>('SELECT count(*)::text AS count FROM nudges.member_nudges WHERE nudge_id = $1', [candidates[1].nudgeId]);
    expect(taken.rows[0].count).toBe('1');
  });
});
