/**
 * One webhook endpoint's deliveries, as admins page them: every state (or one), newest owed first,
 * only that endpoint's and only the organisation's; a cursor of another endpoint's list or another
 * organisation's delivery is VALIDATION_FAILED, and staff are FORBIDDEN.
 */
import { randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { FixedClock, type PageRequest } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { codeOf, openTestStorage, type TestEngine } from '@stepwise/test-support';
import { NudgeHistoryReadModel, type HistoryViewer } from './nudge-history.read-model';

const MINUTE = 60_000;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('a webhook endpoint’s deliveries on %s', (_name, engineKind) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const tenant = `org-${randomUUID()}`;
  const otherTenant = `org-${randomUUID()}`;
  const admin: HistoryViewer = { organisationId: tenant, memberId: 'admin', orgRole: 'ADMIN' };
  let storage: Storage;
  let history: NudgeHistoryReadModel;

  /** A webhook delivery owed now (the clock then moves on a minute). */
  const owed = async (deliveryId: string, endpointId: string, state: string, tenantId = tenant): Promise<void> => {
    const now = clock.now().toISOString();
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, endpoint_id, event_type, payload, state, attempts, max_attempts, attempt_budget,
         next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, 'WEBHOOK', $3, 'StepTaken', '{}', $4, 0, 3, 3, $5, $5, $5)`,
      [deliveryId, tenantId, endpointId, state, now],
    );
    clock.advance(MINUTE);
  };
  const ids = (page: Awaited<ReturnType<NudgeHistoryReadModel['endpointDeliveries']>>): string[] => page.items.map(({ node }) => node.deliveryId);
  const cursor = (endpointId: string, deliveryId: string): string => Buffer.from(JSON.stringify([`endpointDeliveries/${endpointId}`, deliveryId])).toString('base64url');

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
    history = new NudgeHistoryReadModel(new TenantReader(storage.database));
    await owed('crm-1', 'crm', 'DELIVERED');
    await owed('crm-2', 'crm', 'RETRYING');
    await owed('ops-1', 'ops', 'DELIVERED');
    await owed('crm-3', 'crm', 'DEAD');
    await owed('crm-4', 'crm', 'PENDING');
    await owed('crm-elsewhere', 'crm', 'DELIVERED', otherTenant);
  });

  afterAll(() => storage?.close());

  it('lists what was owed to one endpoint, in every state, newest owed first, page by page', async () => {
    const first = await history.endpointDeliveries(admin, 'crm', { first: 3 });
    expect(ids(first)).toEqual(['crm-4', 'crm-3', 'crm-2']);
    expect(first.items.map(({ node }) => node.state)).toEqual(['PENDING', 'DEAD', 'RETRYING']);
    expect([first.hasNextPage, first.endCursor]).toEqual([true, cursor('crm', 'crm-2')]);
    const second = await history.endpointDeliveries(admin, 'crm', { first: 3, after: first.endCursor! });
    expect([ids(second), second.hasNextPage]).toEqual([['crm-1'], false]);
    expect(ids(await history.endpointDeliveries(admin, 'ops', { first: 10 }))).toEqual(['ops-1']);
  });

  it('lists one state when asked', async () => {
    expect(ids(await history.endpointDeliveries(admin, 'crm', { first: 10 }, 'DELIVERED'))).toEqual(['crm-1']);
    expect(ids(await history.endpointDeliveries(admin, 'crm', { first: 10 }, 'RETRYING'))).toEqual(['crm-2']);
  });

  it('is the admins’ alone, and each organisation’s own', async () => {
    expect(await codeOf(history.endpointDeliveries({ ...admin, orgRole: 'MEMBER' }, 'crm', { first: 10 }))).toBe('FORBIDDEN');
    expect(ids(await history.endpointDeliveries({ ...admin, organisationId: otherTenant }, 'crm', { first: 10 }))).toEqual(['crm-elsewhere']);
    expect(ids(await history.endpointDeliveries({ ...admin, organisationId: `org-${randomUUID()}` }, 'crm', { first: 10 }))).toEqual([]);
  });

  it('refuses a cursor it did not give for this endpoint: VALIDATION_FAILED', async () => {
    const refused = (endpointId: string, after: string): Promise<string | undefined> => codeOf(history.endpointDeliveries(admin, endpointId, { first: 2, after } as PageRequest));
    expect(await refused('ops', cursor('crm', 'crm-2'))).toBe('VALIDATION_FAILED');
    // Well formed for this list, but naming another endpoint's delivery, or another organisation's.
    expect(await refused('ops', cursor('ops', 'crm-2'))).toBe('VALIDATION_FAILED');
    expect(await refused('crm', cursor('crm', 'crm-elsewhere'))).toBe('VALIDATION_FAILED');
    expect(await refused('crm', 'not-a-cursor')).toBe('VALIDATION_FAILED');
  });
});
