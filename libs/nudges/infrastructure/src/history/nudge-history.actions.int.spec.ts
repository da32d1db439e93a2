/**
 * Dismissing and replaying as commands, on each engine: the change and its command are recorded in
 * one transaction, so an identical retry replays without writing, the command id with another input
 * (or the other operation) is refused with nothing changed, a change that fails records nothing,
 * and one id sent several times at once changes the record once.
 */
import { randomUUID } from 'node:crypto';
import { commandFingerprint } from '@stepwise/command-handling';
import { appRoleForTenantSql } from '@stepwise/database';
import { FixedClock } from '@stepwise/kernel';
import type { NudgeHistoryChange } from '@stepwise/nudges-application';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { codeOf, openTestStorage, type TestEngine } from '@stepwise/test-support';
import { NudgeHistoryActions } from './nudge-history.actions';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('dismissing and replaying as commands on %s', (_name, engineKind) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const tenant = `org-${randomUUID()}`;
  let storage: Storage;
  let actions: NudgeHistoryActions;

  const asTenant = async <Row>(organisationId: string, sql: string, params: unknown[] = []): Promise<Row[]> =>
    storage.database.transaction(async (tx) => (await tx.query<Row>(sql, params)).rows, { setupSql: `SELECT set_config('stepwise.tenant_id', '${organisationId}', true)` });
  const nudgeRow = async (nudgeId: string) => (await asTenant(tenant, 'SELECT * FROM nudges.member_nudges WHERE nudge_id = $1', [nudgeId]))[0];
  const deliveryRow = async (deliveryId: string) => (await storage.database.query('SELECT * FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0];
  /** The command ids an organisation's records hold, read as the api's role reads them (row-level security applies). */
  const recorded = async (organisationId = tenant): Promise<string[]> =>
    (
      await storage.database.transaction(async (tx) => (await tx.query<{ command_id: string }>('SELECT command_id FROM nudges.history_commands')).rows, {
        setupSql: appRoleForTenantSql(organisationId),
      })
    )
      .map((row) => row.command_id)
      .sort();

  const addNudge = async (nudgeId: string, memberId: string, organisationId = tenant): Promise<void> => {
    const now = clock.now().toISOString();
    await asTenant(
      organisationId,
      `INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, subject_id, title, body, state, due_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'REFLECT', 'step-1', 'Time to reflect', 'How did it go?', 'SCHEDULED', $4, $4, $4)`,
      [organisationId, nudgeId, memberId, now],
    );
  };
  const addDelivery = async (deliveryId: string, state: 'DEAD' | 'DELIVERED' | 'PENDING', endpointId = 'ops'): Promise<void> => {
    const now = clock.now().toISOString();
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, endpoint_id, event_type, payload, channel, state, attempts, max_attempts, attempt_budget,
         next_attempt_at, last_outcome, last_status_code, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'WEBHOOK', $5, 'nudge', '{}', 'WEBHOOK', $3, 1, 1, 1, $4, 'PERMANENT', 410, $4, $4, $4)`,
      [deliveryId, tenant, state, now, endpointId],
    );
  };
  /** An endpoint as the webhook endpoints read model holds it. */
  const addEndpoint = async (endpointId: string, status: 'ACTIVE' | 'DISABLED', subscriptions: readonly string[]): Promise<void> => {
    const now = clock.now().toISOString();
    await asTenant(
      tenant,
      `INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, subscriptions, status, sealed_secret, registered_at, updated_at)
       VALUES ($1, $2, 'https://hooks.example.com/' || $2, $3::jsonb, $4, 'sealed', $5, $5)`,
      [tenant, endpointId, JSON.stringify(subscriptions), status, now],
    );
  };

  const change = (memberId: string, commandId: string, operation: string, input: unknown, orgRole: 'ADMIN' | 'MEMBER' = 'MEMBER', organisationId = tenant): NudgeHistoryChange => ({
    organisationId,
    memberId,
    orgRole,
    commandId,
    fingerprint: commandFingerprint(operation, input),
  });
  const dismissal = (memberId: string, commandId: string, nudgeId: string, organisationId = tenant) =>
    actions.dismiss(change(memberId, commandId, 'DismissNudge', { nudgeId }, 'MEMBER', organisationId), nudgeId);
  const replay = (memberId: string, commandId: string, deliveryId: string, orgRole: 'ADMIN' | 'MEMBER' = 'ADMIN') =>
    actions.replay(change(memberId, commandId, 'ReplayDeadLetter', { deliveryId }, orgRole), deliveryId);

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 10 });
    actions = new NudgeHistoryActions(storage.database, clock);
    await addEndpoint('ops', 'ACTIVE', ['nudge']);
  });

  afterAll(() => storage?.close());

  it('dismisses once: a retry replays and writes nothing; the id with another nudge is refused; a refused dismissal records nothing', async () => {
    await addNudge('n-1', 'ada');
    await addNudge('n-2', 'ada');
    const first = await dismissal('ada', 'cmd-dismiss', 'n-1');
    expect(first).toMatchObject({ replayed: false, view: { nudgeId: 'n-1', state: 'DISMISSED', dismissedAt: clock.now() } });
    const dismissed = await nudgeRow('n-1');
    const other = await nudgeRow('n-2');
    clock.advance(60_000);

    expect(await dismissal('ada', 'cmd-dismiss', 'n-1')).toEqual({ ...first, replayed: true });
    expect(await nudgeRow('n-1')).toEqual(dismissed);
    expect(await codeOf(dismissal('ada', 'cmd-dismiss', 'n-2'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await codeOf(replay('ada', 'cmd-dismiss', 'n-1'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await nudgeRow('n-2')).toEqual(other);

    await expect(dismissal('bo', 'cmd-not-mine', 'n-2')).rejects.toMatchObject({ code: 'NUDGE_NOT_FOUND', details: { field: 'nudgeId', nudgeId: 'n-2' } });
    expect(await recorded()).toEqual(['cmd-dismiss']);
    expect(await nudgeRow('n-2')).toEqual(other);
  });

  it('a suppressed nudge dismissed since reads as dismissed and keeps why it was not delivered', async () => {
    // An organisation of its own: the other specs count this one's commands.
    const own = randomUUID();
    await addNudge('n-suppressed', 'ada', own);
    await asTenant(own, `UPDATE nudges.member_nudges SET state = 'SUPPRESSED', suppressed_reason = 'SUBSCRIPTION_INACTIVE' WHERE tenant_id = $1 AND nudge_id = 'n-suppressed'`, [own]);
    const { view } = await dismissal('ada', 'cmd-dismiss-suppressed', 'n-suppressed', own);
    expect(view).toMatchObject({ state: 'DISMISSED', suppressedReason: 'SUBSCRIPTION_INACTIVE', deliveredAt: null });
  });

  it('replays a dead letter once: a retry after it died again leaves it dead; refusals and failures record nothing', async () => {
    await addDelivery('d-dead', 'DEAD');
    await addDelivery('d-done', 'DELIVERED');
    await addDelivery('d-pending', 'PENDING');
    await addDelivery('d-replayed', 'DELIVERED');
    await storage.database.query(`UPDATE nudges.deliveries SET replays = 1 WHERE delivery_id = 'd-replayed'`);
    expect(await codeOf(replay('bo', 'cmd-member', 'd-dead', 'MEMBER'))).toBe('FORBIDDEN');
    // Never a dead letter: answered as an id with no delivery, so an id worked out from a reflection's tells nothing of whether a nudge was owed.
    expect(await codeOf(replay('admin', 'cmd-done', 'd-done'))).toBe('DELIVERY_NOT_FOUND');
    expect(await codeOf(replay('admin', 'cmd-pending', 'd-pending'))).toBe('DELIVERY_NOT_FOUND');
    await expect(replay('admin', 'cmd-missing', 'd-missing')).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND', details: { field: 'deliveryId', deliveryId: 'd-missing' } });
    // A dead letter once, replayed since: listed to admins before, so named.
    await expect(replay('admin', 'cmd-replayed', 'd-replayed')).rejects.toMatchObject({ code: 'DELIVERY_NOT_DEAD', details: { field: 'deliveryId', deliveryId: 'd-replayed', state: 'DELIVERED' } });
    expect(await recorded()).not.toEqual(expect.arrayContaining(['cmd-member', 'cmd-done', 'cmd-pending', 'cmd-missing', 'cmd-replayed']));

    const first = await replay('admin', 'cmd-replay', 'd-dead');
    expect(first).toMatchObject({ replayed: false, view: { deliveryId: 'd-dead', state: 'PENDING', maxAttempts: 2, replays: 1, replayedBy: 'admin' } });
    // As the processor would: the replayed attempt fails for good, and the delivery is dead again.
    await storage.database.query(`UPDATE nudges.deliveries SET state = 'DEAD', attempts = 2, finished_at = $2 WHERE delivery_id = $1`, ['d-dead', clock.now().toISOString()]);
    const deadAgain = await deliveryRow('d-dead');
    clock.advance(60_000);

    expect(await replay('admin', 'cmd-replay', 'd-dead')).toMatchObject({ replayed: true, view: { state: 'DEAD', attempts: 2, replays: 1 } });
    expect(await codeOf(replay('admin', 'cmd-replay', 'd-done'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await deliveryRow('d-dead')).toEqual(deadAgain);
    // The id is still refused to a member: authorisation comes before the record.
    expect(await codeOf(replay('admin', 'cmd-replay', 'd-dead', 'MEMBER'))).toBe('FORBIDDEN');
  });

  it('refuses to replay a webhook delivery its endpoint would not receive (disabled, unsubscribed, removed), changing nothing', async () => {
    await addEndpoint('off', 'DISABLED', ['nudge']);
    await addEndpoint('elsewhere', 'ACTIVE', ['step.taken']);
    await addDelivery('d-off', 'DEAD', 'off');
    await addDelivery('d-gone', 'DEAD', 'gone');
    await addDelivery('d-elsewhere', 'DEAD', 'elsewhere');
    const before = await Promise.all(['d-off', 'd-gone', 'd-elsewhere'].map(deliveryRow));

    expect(await codeOf(replay('admin', 'cmd-off', 'd-off'))).toBe('WEBHOOK_ENDPOINT_DISABLED');
    expect(await codeOf(replay('admin', 'cmd-elsewhere', 'd-elsewhere'))).toBe('WEBHOOK_ENDPOINT_UNSUBSCRIBED');
    // Its endpoint can never come back: nothing could receive a replay, and the dead letter stays as the record.
    await expect(replay('admin', 'cmd-gone', 'd-gone')).rejects.toMatchObject({ code: 'WEBHOOK_ENDPOINT_REMOVED', details: { field: 'deliveryId', deliveryId: 'd-gone', endpointId: 'gone' } });
    expect(await Promise.all(['d-off', 'd-gone', 'd-elsewhere'].map(deliveryRow))).toEqual(before);
    expect(await recorded()).not.toEqual(expect.arrayContaining(['cmd-off', 'cmd-elsewhere', 'cmd-gone']));

    // Enabled again, the same command goes through.
    await asTenant(tenant, `UPDATE webhook_endpoints SET status = 'ACTIVE' WHERE tenant_id = $1 AND endpoint_id = 'off'`, [tenant]);
    expect(await replay('admin', 'cmd-off', 'd-off')).toMatchObject({ replayed: false, view: { deliveryId: 'd-off', state: 'PENDING', replays: 1 } });
  });

  it('changes the record once when one id is sent several times at once', async () => {
    await addDelivery('d-race', 'DEAD');
    const answers = await Promise.all(Array.from({ length: 6 }, () => replay('admin', 'cmd-race', 'd-race')));
    expect(answers.map((answer) => answer.replayed).sort()).toEqual([false, true, true, true, true, true]);
    expect(await deliveryRow('d-race')).toMatchObject({ state: 'PENDING', replays: 1 });
  });

  it('keeps each organisation’s command ids apart', async () => {
    const elsewhere = `org-${randomUUID()}`;
    // The same command id, with other input, in another organisation is a command of its own there.
    await addNudge('n-elsewhere', 'ada', elsewhere);
    expect(await dismissal('ada', 'cmd-dismiss', 'n-elsewhere', elsewhere)).toMatchObject({ replayed: false, view: { nudgeId: 'n-elsewhere', state: 'DISMISSED' } });
    expect(await recorded(elsewhere)).toEqual(['cmd-dismiss']);
    expect(await recorded()).toEqual(['cmd-dismiss', 'cmd-off', 'cmd-race', 'cmd-replay']);
  });
});
