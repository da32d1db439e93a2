/**
 * The membership cache beside a read-model runner of its own process (api and worker on one
 * runtime, as `npm start` runs them), on PostgreSQL and PGlite: once a membership change is
 * projected and the runner answers the waits on it, the next check reads the membership as changed,
 * however late the listening session hears the change's notification. The notifications are held
 * back here until the checks are done, so the order that otherwise happens now and then (the
 * runner's commit answered before the listening session's notification) happens every time.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type LogCheckpoint } from '@stepwise/event-store';
import { ProjectionRunner, projectionsMigrations, waitForPosition } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { lateNotices, openTestStorage, type LateNotices, type TestEngine } from '@stepwise/test-support';
import { CachedMembershipDirectory } from './cached-membership-directory';
import { MEMBERSHIPS_CHANNEL } from './memberships.channel';
import { organisationMembersProjection } from './organisation-members.projection';
import { tenancyMigrations } from './tenancy.migrations';

const at = '2026-01-05T09:00:00.000Z';
const event = (type: string, data: Record<string, unknown>) => ({ id: randomUUID(), type, schemaVersion: 1, data });

describe.each<TestEngine>(['postgres', 'pglite'])('the membership cache beside a runner of its own process, on %s', (engine) => {
  const processor = `memberships-${randomUUID()}`;
  let storage: Storage;
  let late: LateNotices;
  let runner: ProjectionRunner;
  let directory: CachedMembershipDirectory;

  /** Appends to the organisation's stream and waits, as a mutation does, until the runner has projected it. */
  const projected = async (organisationId: string, events: ReturnType<typeof event>[]): Promise<void> => {
    const { position } = await storage.eventStore.append(organisationId, `organisation-${organisationId}`, events);
    expect(await waitForPosition(late.database, processor, position as LogCheckpoint, 10_000)).toBe(true);
  };

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations], upcasters: [] });
    late = lateNotices(storage.database, [MEMBERSHIPS_CHANNEL]);
    runner = new ProjectionRunner(late.database, storage.eventStore, { processor, projections: [organisationMembersProjection] });
    await runner.start();
    directory = await CachedMembershipDirectory.open(late.database);
  });

  afterAll(async () => {
    await directory?.onModuleDestroy();
    await runner?.stop();
    await storage?.close();
  });

  it('checks a member against their changed role, then their removal, as soon as each is projected', async () => {
    const organisationId = randomUUID();
    await projected(organisationId, [
      event('OrganisationCreated', { organisationId, name: 'Acme', slug: `acme-${organisationId}`, createdBy: 'm-admin', at }),
      event('MemberJoined', { organisationId, memberId: 'm-admin', subject: 'admin', displayName: 'Ada', email: null, orgRole: 'ADMIN', timezone: 'UTC', quietHours: null, addedBy: 'm-admin', at }),
      event('MemberJoined', { organisationId, memberId: 'm-bea', subject: 'bea', displayName: 'Bea', email: null, orgRole: 'ADMIN', timezone: 'UTC', quietHours: null, addedBy: 'm-admin', at }),
    ]);
    late.deliver();
    // Kept from here: the next check of Bea is answered from memory unless her membership changes.
    expect(await directory.findBySubject(organisationId, 'bea')).toMatchObject({ memberId: 'm-bea', orgRole: 'ADMIN' });

    await projected(organisationId, [event('MemberRoleChanged', { organisationId, memberId: 'm-bea', fromRole: 'ADMIN', toRole: 'MEMBER', changedBy: 'm-admin', at })]);
    expect(await directory.findBySubject(organisationId, 'bea')).toMatchObject({ memberId: 'm-bea', orgRole: 'MEMBER' });

    await projected(organisationId, [event('MemberLeft', { organisationId, memberId: 'm-bea', removedBy: 'm-admin', at })]);
    expect(await directory.findBySubject(organisationId, 'bea')).toBeUndefined();
    // The rest of the organisation is checked as before.
    expect(await directory.findBySubject(organisationId, 'admin')).toMatchObject({ memberId: 'm-admin', orgRole: 'ADMIN' });
  });
});
