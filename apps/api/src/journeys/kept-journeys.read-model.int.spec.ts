/**
 * Kept journey reads keep the tenant rule every read has (TenantReader): inside a request or job, a
 * read names the tenant it runs for. A kept answer is no way around it: asked for another tenant's
 * journey from a request of this one, the kept read refuses as the SQL read does.
 */
import { randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { eventStoreMigrations } from '@stepwise/event-store';
import { SqlJourneysReadModel, journeysMigrations } from '@stepwise/journeys-infrastructure';
import { runInTenant } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { AnswerCache, projectionsMigrations } from '@stepwise/projections';
import { tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { openTestStorage } from '@stepwise/test-support';
import { KeptJourneysReadModel } from './kept-journeys.read-model';

describe('kept journeys and the request’s tenant', () => {
  let storage: Storage;
  let kept: KeptJourneysReadModel;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...journeysMigrations], upcasters: [] });
    const cache = new AnswerCache();
    cache.resume();
    kept = new KeptJourneysReadModel(new SqlJourneysReadModel(new TenantReader(storage.database)), cache);
  });
  afterAll(() => storage?.close());

  it('refuses a read of another tenant inside a request, kept or not', async () => {
    const [ours, theirs] = [randomUUID(), randomUUID()];
    const journeyId = randomUUID();
    const inRequestOf = <T>(tenantId: string, work: () => Promise<T>): Promise<T> => runInTenant({ tenantId, correlationId: randomUUID() }, work);
    // Their own request reads (and keeps) their journey.
    await inRequestOf(theirs, () => kept.journeyAsSeenBy(theirs, journeyId, 'member-1'));
    await inRequestOf(theirs, () => kept.teamJourneysAsSeenBy(theirs, 'team-1', 'member-1', { first: 10 }));
    await inRequestOf(theirs, () => kept.journeySteps(theirs, journeyId));
    // Our request naming their tenant is refused, as an uncached read would be.
    await expect(inRequestOf(ours, () => kept.journeyAsSeenBy(theirs, journeyId, 'member-1'))).rejects.toMatchObject({ code: 'TENANT_MISMATCH' });
    await expect(inRequestOf(ours, () => kept.teamJourneysAsSeenBy(theirs, 'team-1', 'member-1', { first: 10 }))).rejects.toMatchObject({ code: 'TENANT_MISMATCH' });
    await expect(inRequestOf(ours, () => kept.journeySteps(theirs, journeyId))).rejects.toMatchObject({ code: 'TENANT_MISMATCH' });
  });
});
