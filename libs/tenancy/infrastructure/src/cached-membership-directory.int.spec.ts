/**
 * The membership cache beside a read-model runner of its own process (api and worker on one
 * runtime, as `npm start` runs them), on PostgreSQL and PGlite: once a membership change is
 * projected and the runner answers the waits on it, the next check reads the membership as changed,
 * however late the listening session hears the change's notification. The listening session's
 * notifications are held back here until the checks are done, so the order that otherwise happens
 * now and then (the runner's commit answered before the listening session's notification) happens
 * every time. All of them, the checkpoint's announcements too: one session hears a batch's notices
 * in the order they were sent, the membership notice before the announcement of the checkpoint that
 * covers it. With only the membership notice held back, the session would still hear the
 * announcement and answer the wait, now and then before the runner had told the cache (its commit
 * is answered on a session of its own): an order the process never sees.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@stepwise/database';
import { eventStoreMigrations, type LogCheckpoint } from '@stepwise/event-store';
import { CHECKPOINT_CHANNEL, ProjectionRunner, projectionsMigrations, waitForPosition } from '@stepwise/projections';
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
    late = lateNotices(storage.database, [MEMBERSHIPS_CHANNEL, CHECKPOINT_CHANNEL]);
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
    // The notices were sent: the listening session had not heard them.
    expect(late.waiting).toBeGreaterThan(0);
  });
});

/** Asks again every 10 ms until `done` holds or 10 s pass. */
const until = async (done: () => boolean): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the membership cache whose listening session is lost, on postgres', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations], upcasters: [] });
  });

  afterAll(async () => {
    await storage?.close();
  });

  it('tells when it stops hearing of changes and when it hears again, once each, and not at its first listen', async () => {
    const told: boolean[] = [];
    const directory = await CachedMembershipDirectory.open(storage.database, { relistenMs: 10, onHearing: (hearing) => told.push(hearing) });
    try {
      expect(told).toEqual([]);
      await storage.database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-listener'`);
      await until(() => told.length >= 2);
      expect(told).toEqual([false, true]);
    } finally {
      await directory.onModuleDestroy();
    }
  });

  it('does not keep a membership read while it could not hear of changes, even when the read ends after it hears again', async () => {
    const database = storage.database;
    const organisationId = randomUUID();
    await database.query(
      `INSERT INTO subject_memberships (subject, tenant_id, member_id, org_role, display_name) VALUES ('bea', $1, 'm-bea', 'MEMBER', 'Bea'), ('ada', $1, 'm-ada', 'ADMIN', 'Ada')`,
      [organisationId],
    );
    // The real database; only the order is arranged: listening again waits for the spec, and so
    // does the answer of a membership read the spec holds, once its statement has run.
    let lost = false;
    let listens = 0;
    let listeningAgain = false;
    let letListenAgain: () => void = () => undefined;
    const mayListenAgain = new Promise<void>((resolve) => (letListenAgain = resolve));
    let holding = false;
    let held = false;
    let letReadEnd: () => void = () => undefined;
    const readMayEnd = new Promise<void>((resolve) => (letReadEnd = resolve));
    let membershipReads = 0;
    const listen: SqlDatabase['listen'] = async (channel, onNotify, onLost) => {
      listens += 1;
      const again = listens > 1;
      if (again) await mayListenAgain;
      const unlisten = await database.listen(channel, onNotify, () => ((lost = true), onLost?.()));
      if (again) listeningAgain = true;
      return unlisten;
    };
    const query: SqlDatabase['query'] = async (sql, params, options) => {
      const result = await database.query(sql, params, options);
      if (sql.includes('subject_memberships')) {
        membershipReads += 1;
        if (holding) {
          holding = false;
          held = true;
          await readMayEnd;
        }
      }
      return result as never;
    };
    const arranged = new Proxy(database, {
      get: (target, key) => {
        if (key === 'listen') return listen;
        if (key === 'query') return query;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const directory = await CachedMembershipDirectory.open(arranged, { relistenMs: 10 });
    try {
      expect(await directory.findBySubject(organisationId, 'bea')).toMatchObject({ memberId: 'm-bea' });

      // The listening session ends (an idle-session killer, say): the cache is deaf.
      await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-listener'`);
      await until(() => lost);
      expect(lost).toBe(true);

      // A check begins while deaf and reads Bea as a member...
      holding = true;
      const check = directory.findBySubject(organisationId, 'bea');
      await until(() => held);
      expect(held).toBe(true);
      // ...then she is removed, as a runner of another process projects it: its notice goes unheard.
      await database.transaction(async (tx) => {
        await tx.query(`DELETE FROM subject_memberships WHERE tenant_id = $1 AND subject = 'bea'`, [organisationId]);
        await tx.query('SELECT pg_notify($1, $2)', [MEMBERSHIPS_CHANNEL, organisationId]);
      });
      // ...then the cache listens again, and only then does the check end.
      letListenAgain();
      await until(() => listeningAgain);
      expect(listeningAgain).toBe(true);
      letReadEnd();
      expect(await check).toMatchObject({ memberId: 'm-bea' });

      // Hearing again, it keeps what it reads from now on...
      await directory.findBySubject(organisationId, 'ada');
      const reads = membershipReads;
      expect(await directory.findBySubject(organisationId, 'ada')).toMatchObject({ memberId: 'm-ada', orgRole: 'ADMIN' });
      expect(membershipReads).toBe(reads);
      // ...but not the check that began while it was deaf: Bea's removal is seen at once.
      expect(await directory.findBySubject(organisationId, 'bea')).toBeUndefined();
    } finally {
      letListenAgain();
      letReadEnd();
      await directory.onModuleDestroy();
    }
  });
});
