/**
 * The nudge context's read models end to end: commands through the real handlers and event store,
 * projected by a real runner (as the app role, under RLS), read back through the ports, and the
 * webhook directory unsealing what delivery signs with. On PostgreSQL and on in-memory PGlite.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { TenantReader, type SqlDatabase } from '@stepwise/database';
import { eventStoreMigrations, type EventStore, type EventStoreSchema } from '@stepwise/event-store';
import { handleCommand, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import { FixedClock, runInTenant, type Page } from '@stepwise/kernel';
import {
  DisableWebhookEndpointCommand,
  DisableWebhookEndpointHandler,
  ExpirePreviousWebhookSecretCommand,
  ExpirePreviousWebhookSecretHandler,
  HTTPS_ONLY,
  RegisterWebhookEndpointCommand,
  RegisterWebhookEndpointHandler,
  RemoveWebhookEndpointCommand,
  RemoveWebhookEndpointHandler,
  RotateWebhookSecretCommand,
  RotateWebhookSecretHandler,
  UpdateNotificationPreferencesCommand,
  UpdateNotificationPreferencesHandler,
  UpdateNudgeSettingsCommand,
  UpdateNudgeSettingsHandler,
  UpdateWebhookEndpointCommand,
  UpdateWebhookEndpointHandler,
  EnableWebhookEndpointCommand,
  EnableWebhookEndpointHandler,
  webhookDeliveryContext,
} from '@stepwise/nudges-application';
import type { WebhookEndpointView } from '@stepwise/nudges-application/read';
import { DEFAULT_NOTIFICATION_PREFERENCES, DEFAULT_NUDGE_SETTINGS } from '@stepwise/nudges-domain';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner, projectionsMigrations, type Projection } from '@stepwise/projections';
import { organisationDecider, organisationStreamId, type OrganisationCommand } from '@stepwise/tenancy-domain';
import { organisationMembersProjection, tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { codeOf, openTestStorage, type TestEngine } from '@stepwise/test-support';
import { SecretBox } from '../secrets/secret-box';
import { nudgesReadModelMigrations, nudgesReadTables } from './nudges-read-models.migrations';
import { nudgesReadModelProjections } from './nudges-read-models.projections';
import { SqlMemberReachability } from './sql-member-reachability';
import { SqlNudgesReadModel } from './sql-nudges.read-model';
import { SqlWebhookEndpointDirectory } from './sql-webhook-endpoint.directory';

const projections: readonly Projection[] = [organisationMembersProjection, ...nudgesReadModelProjections];
const schema: EventStoreSchema = {
  migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...nudgesReadModelMigrations],
  upcasters: [],
};
const SUPPLIED_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

interface Organisation {
  readonly tenantId: string;
  readonly admin: CommandContext;
  readonly member: (clientId?: string) => CommandContext;
  readonly adminOf: () => CommandContext;
  readonly benId: string;
}

/** One database, a runner following its log, the handlers and the read side under test. */
class Harness {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly clock = new FixedClock('2026-03-02T09:00:00.000Z');
  readonly box = new SecretBox({ current: randomBytes(32) });
  readonly reader: TenantReader;
  readonly readModel: SqlNudgesReadModel;
  readonly directory: SqlWebhookEndpointDirectory;
  readonly reachability: SqlMemberReachability;
  private runner: ProjectionRunner | undefined;
  private readonly errors: unknown[] = [];

  private constructor(private readonly storage: Storage) {
    this.db = storage.database;
    this.store = storage.eventStore;
    this.reader = new TenantReader(this.db);
    this.readModel = new SqlNudgesReadModel(this.reader);
    this.directory = new SqlWebhookEndpointDirectory(this.reader, this.box, this.clock);
    this.reachability = new SqlMemberReachability(this.reader);
  }

  static async open(engine: TestEngine): Promise<Harness> {
    const harness = new Harness(await openTestStorage(engine, schema, { poolSize: 4 }));
    harness.runner = new ProjectionRunner(harness.db, harness.store, {
      processor: `nudges-read-models-${randomUUID()}`,
      projections,
      pollIntervalMs: 50,
      onError: (error) => harness.errors.push(error),
    });
    await harness.runner.start();
    return harness;
  }

  async project(): Promise<void> {
    await this.runner?.caughtUp();
    expect(this.errors).toEqual([]);
  }

  async close(): Promise<void> {
    await this.runner?.stop();
    await this.storage.close();
  }

  run<R>(context: CommandContext, execute: () => Promise<R>): Promise<R> {
    return runInTenant({ tenantId: context.tenantId, correlationId: context.correlationId }, execute);
  }

  /** An organisation command decided and appended as the tenancy handlers do, by `subject`. */
  async organisationCommand(tenantId: string, subject: string, command: Unstamped<OrganisationCommand>): Promise<void> {
    await runInTenant({ tenantId, correlationId: randomUUID() }, () =>
      handleCommand({
        store: this.store,
        decider: organisationDecider,
        streamId: organisationStreamId(tenantId),
        metadata: { tenantId, commandId: randomUUID(), actorId: subject, correlationId: randomUUID() },
        command: () => ({ ...command, metadata: { now: this.clock.now(), actor: { subject } } }) as OrganisationCommand,
      }),
    );
  }

  /** Ada (ADMIN) creates an organisation; Ben joins as a MEMBER. */
  async organisation(): Promise<Organisation> {
    const tenantId = `org-${randomUUID()}`;
    const context = (subject: string, memberId?: string, orgRole?: 'ADMIN' | 'MEMBER'): CommandContext => ({
      tenantId,
      subject,
      ...(memberId && { memberId, orgRole }),
      commandId: randomUUID(),
      correlationId: randomUUID(),
    });
    const [adaId, benId] = ['mem-ada', 'mem-ben'];
    await this.organisationCommand(tenantId, 'auth|ada', {
      type: 'CreateOrganisation',
      data: { organisationId: tenantId, name: 'Acme', creator: { memberId: adaId, displayName: 'Ada', timezone: 'Europe/London' } },
    });
    await this.organisationCommand(tenantId, 'auth|ada', {
      type: 'AddMember',
      data: { organisationId: tenantId, memberId: benId, subject: 'auth|ben', displayName: 'Ben', orgRole: 'MEMBER', timezone: 'Asia/Tokyo', quietHours: { start: '22:00', end: '07:00' } },
    });
    const adminOf = () => context('auth|ada', adaId, 'ADMIN');
    return { tenantId, admin: adminOf(), adminOf, benId, member: () => context('auth|ben', benId, 'MEMBER') };
  }
}

const nodes = <T>(page: Page<T>): T[] => page.items.map((item) => item.node);

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('nudges read models on %s', (_name, engine) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.open(engine);
  }, 60_000);

  afterAll(() => harness?.close());

  describe('nudge settings', () => {
    it('are the defaults until an admin changes them, then the merged rules, for this organisation only', async () => {
      const org = await harness.organisation();
      const other = await harness.organisation();
      await harness.project();
      expect(await harness.readModel.nudgeSettings(org.tenantId)).toEqual({ rules: DEFAULT_NUDGE_SETTINGS, updatedAt: null });

      await harness.run(org.admin, () =>
        new UpdateNudgeSettingsHandler(harness.store, harness.clock).execute(
          new UpdateNudgeSettingsCommand({ rules: [{ rule: 'CONSIDER_PIVOT', threshold: 3 }, { rule: 'WEEKLY_DIGEST', enabled: false }] }, org.adminOf()),
        ),
      );
      await harness.project();
      const settings = await harness.readModel.nudgeSettings(org.tenantId);
      expect(settings.rules).toEqual({
        ...DEFAULT_NUDGE_SETTINGS,
        CONSIDER_PIVOT: { enabled: true, delayMinutes: null, threshold: 3 },
        WEEKLY_DIGEST: { enabled: false, delayMinutes: null, threshold: null },
      });
      expect(settings.updatedAt).toEqual(harness.clock.now());
      expect((await harness.readModel.nudgeSettings(other.tenantId)).updatedAt).toBeNull();
    });
  });

  describe('notification preferences and member reachability', () => {
    it('reach a member with the defaults until they set preferences, then with theirs, and follow their email and leaving', async () => {
      const org = await harness.organisation();
      await harness.project();
      expect(await harness.readModel.notificationPreferences(org.tenantId, org.benId)).toEqual({
        memberId: org.benId,
        ...DEFAULT_NOTIFICATION_PREFERENCES,
        updatedAt: null,
      });
      expect(await harness.reachability.member(org.tenantId, org.benId)).toEqual({
        memberId: org.benId,
        displayName: 'Ben',
        active: true,
        email: null,
        timezone: 'Asia/Tokyo',
        quietHours: { start: '22:00', end: '07:00' },
        channels: [{ channel: 'IN_APP', address: null }],
        optedOut: [],
        dailyCap: 3,
      });

      const channels = [
        { channel: 'EMAIL' as const, address: 'ben.work@example.com' },
        { channel: 'IN_APP' as const, address: null },
      ];
      await harness.run(org.member(), () =>
        new UpdateNotificationPreferencesHandler(harness.store, harness.clock).execute(
          new UpdateNotificationPreferencesCommand({ memberId: org.benId, channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 5 }, org.member()),
        ),
      );
      await harness.organisationCommand(org.tenantId, 'auth|ben', { type: 'ChangeMemberEmail', data: { organisationId: org.tenantId, memberId: org.benId, email: 'ben@example.com' } });
      await harness.project();
      expect(await harness.readModel.notificationPreferences(org.tenantId, org.benId)).toMatchObject({ channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 5 });
      expect(await harness.reachability.member(org.tenantId, org.benId)).toMatchObject({ active: true, email: 'ben@example.com', channels, optedOut: ['WEEKLY_DIGEST'], dailyCap: 5 });
      const both = await harness.reachability.members(org.tenantId, [org.benId, org.admin.memberId!, 'mem-nobody']);
      expect(both.map((reach) => reach.memberId).sort()).toEqual([org.benId, org.admin.memberId!].sort());
      expect(both.find((reach) => reach.memberId === org.admin.memberId)).toMatchObject({ channels: DEFAULT_NOTIFICATION_PREFERENCES.channels, dailyCap: 3 });

      await harness.organisationCommand(org.tenantId, 'auth|ada', { type: 'RemoveMember', data: { organisationId: org.tenantId, memberId: org.benId } });
      await harness.project();
      expect(await harness.reachability.member(org.tenantId, org.benId)).toMatchObject({ active: false });
      expect(await harness.reachability.member(org.tenantId, 'mem-nobody')).toBeUndefined();
      // Another organisation with a member of the same id sees its own member, not this one.
      const other = await harness.organisation();
      await harness.project();
      expect(await harness.reachability.member(other.tenantId, org.benId)).toMatchObject({ active: true, email: null, dailyCap: 3 });
    });
  });

  describe('webhook endpoints and the directory', () => {
    const register = (org: Organisation, input: { url?: string; subscriptions?: string[]; secret?: string | null; context?: CommandContext }) => {
      const context = input.context ?? org.adminOf();
      return harness.run(context, () =>
        new RegisterWebhookEndpointHandler(harness.store, harness.clock, harness.box, HTTPS_ONLY, harness.readModel).execute(
          new RegisterWebhookEndpointCommand(
            { url: input.url ?? 'https://hooks.example.com/a', subscriptions: input.subscriptions ?? ['StepTaken', 'nudge'], secret: input.secret },
            context,
          ),
        ),
      );
    };

    it('follows an endpoint through rotation, expiry, disabling by delivery, re-enabling, updating and removal', async () => {
      const org = await harness.organisation();
      const registered = await register(org, {});
      expect(registered.signingSecret).toMatch(/^whsec_/);
      const generated = registered.signingSecret!;
      const { endpointId } = registered;
      await harness.project();

      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'nudge')).toEqual([{ endpointId, url: 'https://hooks.example.com/a', secrets: [generated] }]);
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'StepTaken')).toHaveLength(1);
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'PivotMade')).toEqual([]);
      const view = await harness.readModel.webhookEndpoint(org.tenantId, endpointId);
      expect(view).toMatchObject({ status: 'ACTIVE', subscriptions: ['StepTaken', 'nudge'], secretRotatedAt: null, previousSecretExpiresAt: null, disabledReason: null });
      expect(JSON.stringify(view)).not.toContain('sb1.');

      // Rotation: both secrets sign, the new one first, for the grace period.
      const rotated = await harness.run(org.admin, () =>
        new RotateWebhookSecretHandler(harness.store, harness.clock, harness.box).execute(new RotateWebhookSecretCommand({ endpointId, secret: SUPPLIED_SECRET }, org.adminOf())),
      );
      expect(rotated.signingSecret).toBeNull();
      await harness.project();
      expect((await harness.directory.subscribedEndpoints(org.tenantId, 'nudge'))[0].secrets).toEqual([SUPPLIED_SECRET, generated]);
      expect(await harness.readModel.webhookEndpoint(org.tenantId, endpointId)).toMatchObject({
        secretRotatedAt: harness.clock.now(),
        previousSecretExpiresAt: new Date(harness.clock.now().getTime() + 24 * 3_600_000),
      });
      // Past the grace period only the new one is handed out.
      const later = new SqlWebhookEndpointDirectory(harness.reader, harness.box, new FixedClock(new Date(harness.clock.now().getTime() + 24 * 3_600_000 + 1)));
      expect((await later.subscribedEndpoints(org.tenantId, 'nudge'))[0].secrets).toEqual([SUPPLIED_SECRET]);

      // Rotating again with a generated secret, then ending its grace period early.
      const again = await harness.run(org.admin, () =>
        new RotateWebhookSecretHandler(harness.store, harness.clock, harness.box).execute(new RotateWebhookSecretCommand({ endpointId }, org.adminOf())),
      );
      await harness.project();
      expect((await harness.directory.subscribedEndpoints(org.tenantId, 'nudge'))[0].secrets).toEqual([again.signingSecret, SUPPLIED_SECRET]);
      await harness.run(org.admin, () =>
        new ExpirePreviousWebhookSecretHandler(harness.store, harness.clock).execute(new ExpirePreviousWebhookSecretCommand({ endpointId }, org.adminOf())),
      );
      await harness.project();
      expect((await harness.directory.subscribedEndpoints(org.tenantId, 'nudge'))[0].secrets).toEqual([again.signingSecret]);
      expect((await harness.readModel.webhookEndpoint(org.tenantId, endpointId))?.previousSecretExpiresAt).toEqual(harness.clock.now());

      // The receiver answered 410: delivery disables it, attributed to itself.
      const gone = webhookDeliveryContext(org.tenantId, randomUUID(), randomUUID());
      const disabled = await harness.run(gone, () =>
        new DisableWebhookEndpointHandler(harness.store, harness.clock).execute(new DisableWebhookEndpointCommand({ endpointId, reason: 'GONE', statusCode: 410 }, gone)),
      );
      expect(disabled.events).toEqual([expect.objectContaining({ type: 'WebhookEndpointDisabled', data: expect.objectContaining({ disabledBy: 'system:webhook-delivery' }) })]);
      await harness.project();
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'nudge')).toEqual([]);
      expect(await harness.readModel.webhookEndpoint(org.tenantId, endpointId)).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE', disabledStatusCode: 410 });
      // A disabled endpoint still counts against the organisation's limit.
      expect(await harness.readModel.webhookEndpointUrls(org.tenantId)).toEqual([{ endpointId, url: expect.any(String) }]);

      await harness.run(org.admin, () => new EnableWebhookEndpointHandler(harness.store, harness.clock).execute(new EnableWebhookEndpointCommand({ endpointId }, org.adminOf())));
      await harness.run(org.admin, () =>
        new UpdateWebhookEndpointHandler(harness.store, harness.clock, HTTPS_ONLY, harness.readModel).execute(
          new UpdateWebhookEndpointCommand({ endpointId, subscriptions: ['PivotMade'], description: 'CRM' }, org.adminOf()),
        ),
      );
      await harness.project();
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'nudge')).toEqual([]);
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'PivotMade')).toHaveLength(1);
      expect(await harness.readModel.webhookEndpoint(org.tenantId, endpointId)).toMatchObject({ status: 'ACTIVE', disabledReason: null, description: 'CRM' });

      await harness.run(org.admin, () => new RemoveWebhookEndpointHandler(harness.store, harness.clock).execute(new RemoveWebhookEndpointCommand({ endpointId }, org.adminOf())));
      await harness.project();
      expect(await harness.readModel.webhookEndpoint(org.tenantId, endpointId)).toBeUndefined();
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'PivotMade')).toEqual([]);
      expect(await harness.readModel.webhookEndpointUrls(org.tenantId)).toEqual([]);
    });

    it('hands out an endpoint whose secret this process cannot open without secrets and with why, and the others as ever', async () => {
      const org = await harness.organisation();
      const { endpointId } = await register(org, { url: 'https://hooks.example.com/sealed-elsewhere' });
      await harness.project();
      // Another deployment's key: the same rows, a box that holds none of their keys.
      const elsewhere = new SqlWebhookEndpointDirectory(harness.reader, new SecretBox({ current: randomBytes(32) }), harness.clock);
      expect(await elsewhere.subscribedEndpoints(org.tenantId, 'nudge')).toEqual([
        { endpointId, url: 'https://hooks.example.com/sealed-elsewhere', secrets: [], secretsUnavailable: expect.stringMatching(/^the endpoint’s signing secret cannot be opened \(SECRET_KEY_UNKNOWN\)/) },
      ]);
      expect((await harness.directory.subscribedEndpoints(org.tenantId, 'nudge'))[0].secrets).toEqual([expect.stringMatching(/^whsec_/)]);

      // Replaced by a secret this process can open: the new one signs at once, the unopenable one it replaced is left out of its grace period.
      const rotated = await harness.run(org.admin, () =>
        new RotateWebhookSecretHandler(harness.store, harness.clock, harness.box).execute(new RotateWebhookSecretCommand({ endpointId, secret: SUPPLIED_SECRET }, org.adminOf())),
      );
      expect(rotated.signingSecret).toBeNull();
      await harness.project();
      await harness.db.query(`UPDATE webhook_endpoints SET previous_sealed_secret = 'sb1.not.a.sealed.secret' WHERE endpoint_id = $1`, [endpointId]);
      expect(await harness.directory.subscribedEndpoints(org.tenantId, 'nudge')).toEqual([{ endpointId, url: 'https://hooks.example.com/sealed-elsewhere', secrets: [SUPPLIED_SECRET] }]);
    });

    it('keeps every secret sealed: neither the events nor the read tables hold one in plaintext', async () => {
      const org = await harness.organisation();
      const { signingSecret, endpointId } = await register(org, {});
      await harness.run(org.admin, () =>
        new RotateWebhookSecretHandler(harness.store, harness.clock, harness.box).execute(new RotateWebhookSecretCommand({ endpointId, secret: SUPPLIED_SECRET }, org.adminOf())),
      );
      await harness.project();
      const events = await harness.db.query<{ row: string }>(`SELECT row_to_json(e)::text AS row FROM es_events e WHERE tenant_id = $1`, [org.tenantId]);
      const tables = await Promise.all(
        nudgesReadTables.map((table) => harness.db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t WHERE tenant_id = $1`, [org.tenantId])),
      );
      const stored = [...events.rows, ...tables.flatMap((result) => result.rows)].map((row) => row.row).join('\n');
      expect(stored).toContain('WebhookSecretRotated');
      for (const secret of [signingSecret!, SUPPLIED_SECRET]) {
        expect(stored).not.toContain(secret);
        expect(stored).not.toContain(secret.slice('whsec_'.length));
      }
    });

    it('a retried registration answers the same generated secret and registers once', async () => {
      const org = await harness.organisation();
      const context = { ...org.adminOf(), commandId: `client:${randomUUID()}` };
      const first = await register(org, { context });
      const retry = await register(org, { context });
      expect(retry).toMatchObject({ replayed: true, endpointId: first.endpointId, signingSecret: first.signingSecret });
      await harness.project();
      expect(nodes(await harness.readModel.webhookEndpoints(org.tenantId, { first: 10 }))).toHaveLength(1);
    });

    it('refuses plain http unless the deployment allows it, and a member: nothing is written', async () => {
      const org = await harness.organisation();
      const head = await harness.store.logHead();
      expect(await codeOf(() => register(org, { url: 'http://127.0.0.1:9/hook' }))).toBe('VALIDATION_FAILED');
      expect(await codeOf(() => register(org, { context: org.member() }))).toBe('FORBIDDEN');
      expect(await codeOf(() => register(org, { secret: 'whsec_short' }))).toBe('VALIDATION_FAILED');
      expect(await harness.store.logHead()).toEqual(head);
      const local = await harness.run(org.admin, () =>
        new RegisterWebhookEndpointHandler(harness.store, harness.clock, harness.box, { allowHttp: true }, harness.readModel).execute(
          new RegisterWebhookEndpointCommand({ url: 'http://127.0.0.1:9/hook', subscriptions: ['nudge'] }, org.adminOf()),
        ),
      );
      expect(local.events[0].type).toBe('WebhookEndpointRegistered');
    });

    it('lists endpoints oldest first, a page at a time, for their own organisation only', async () => {
      const org = await harness.organisation();
      const ids: string[] = [];
      for (const path of ['a', 'b', 'c']) {
        ids.push((await register(org, { url: `https://hooks.example.com/${path}` })).endpointId);
        harness.clock.advance(60_000);
      }
      await harness.project();
      const first = await harness.readModel.webhookEndpoints(org.tenantId, { first: 2 });
      expect(nodes(first).map((endpoint: WebhookEndpointView) => endpoint.endpointId)).toEqual(ids.slice(0, 2));
      expect(first.hasNextPage).toBe(true);
      const second = await harness.readModel.webhookEndpoints(org.tenantId, { first: 2, after: first.endCursor! });
      expect(nodes(second).map((endpoint) => endpoint.endpointId)).toEqual(ids.slice(2));
      expect(second.hasNextPage).toBe(false);
      expect(await codeOf(() => harness.readModel.webhookEndpoints(org.tenantId, { first: 2, after: 'bm90LWEtY3Vyc29y' }))).toBe('VALIDATION_FAILED');
      const stranger = await harness.organisation();
      expect(nodes(await harness.readModel.webhookEndpoints(stranger.tenantId, { first: 10 }))).toEqual([]);
      expect(await harness.directory.subscribedEndpoints(stranger.tenantId, 'nudge')).toEqual([]);
      expect((await harness.readModel.webhookEndpointUrls(org.tenantId)).map((endpoint) => endpoint.endpointId)).toEqual(ids);
      expect(await harness.readModel.webhookEndpointUrls(stranger.tenantId)).toEqual([]);
    });
  });
});
