/**
 * The journeys read model end to end: real events appended through the event store, projected by a
 * real runner (as the app role, under RLS), then read back through the port. Runs on PostgreSQL and
 * on in-memory PGlite.
 */
import { appRoleForTenantSql, TenantReader, type SqlDatabase } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type EventStore, type EventStoreSchema } from '@stepwise/event-store';
import type { Page } from '@stepwise/kernel';
import { ProjectionRunner, projectionsMigrations, resetProjections, type Projection } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { organisationMembersProjection, teamsProjection, tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { TenantStory, tellPilotStory } from './testing/journey-story.fixtures';
import { journeyProjections } from './journeys.projections';
import { journeysMigrations, journeysReadTables } from './journeys.migrations';
import { SqlJourneysReadModel } from './sql-journeys.read-model';

const projections: readonly Projection[] = [organisationMembersProjection, teamsProjection, ...journeyProjections];
const schema: EventStoreSchema = {
  migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...journeysMigrations],
  upcasters: [],
};

/** Everything a test needs on one database: the store, a runner following the log, the read model. */
class Harness {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly reader: TenantReader;
  readonly readModel: SqlJourneysReadModel;
  readonly processor = `journeys-read-model-${randomUUID()}`;
  private runner: ProjectionRunner | undefined;
  private readonly errors: unknown[] = [];

  constructor(private readonly storage: Storage) {
    this.db = storage.database;
    this.store = storage.eventStore;
    this.reader = new TenantReader(this.db);
    this.readModel = new SqlJourneysReadModel(this.reader);
  }

  /** A database of the suite's own (see openTestStorage): the runner sees only this suite's events. */
  static async open(engine: TestEngine): Promise<Harness> {
    const harness = new Harness(await openTestStorage(engine, schema));
    await harness.start();
    return harness;
  }

  async start(): Promise<void> {
    this.runner = new ProjectionRunner(this.db, this.store, {
      processor: this.processor,
      projections,
      pollIntervalMs: 50,
      onError: (error) => this.errors.push(error),
    });
    await this.runner.start();
  }

  /** Waits until everything appended so far is in the read tables; a projection failure fails the test. */
  async project(): Promise<void> {
    await this.runner?.caughtUp();
    expect(this.errors).toEqual([]);
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    this.runner = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.storage.close();
  }

  /** Every read row of the given tenants, as the owner sees them (RLS does not apply to it). */
  async snapshot(tenantIds: readonly string[]): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const table of journeysReadTables) {
      const { rows } = await this.db.query(`SELECT * FROM ${table} t WHERE tenant_id = ANY($1) ORDER BY to_jsonb(t)::text`, [tenantIds]);
      tables[table] = rows;
    }
    return tables;
  }
}

const nodes = <T>(page: Page<T>): T[] => page.items.map((item) => item.node);

/** Follows endCursor until the last page, collecting every node. */
const allPages = async <T>(fetch: (after: string | undefined) => Promise<Page<T>>): Promise<{ pages: number; items: T[] }> => {
  const items: T[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await fetch(after);
    items.push(...nodes(page));
    if (!page.hasNextPage) return { pages, items };
    after = page.endCursor ?? undefined;
  }
};

const engines: [string, TestEngine][] = [
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
];

describe.each(engines)('SqlJourneysReadModel on %s', (_name, engine) => {
  let harness: Harness;
  let tenantA: TenantStory;
  let tenantB: TenantStory;

  beforeAll(async () => {
    harness = await Harness.open(engine);
    tenantA = new TenantStory(harness.store);
    tenantB = new TenantStory(harness.store);
    // Both tenants use the same journey, step and member ids: keys that lead with tenant_id keep them apart.
    await tellPilotStory(tenantA, 'A: ');
    await tellPilotStory(tenantB, 'B: ');
    await harness.project();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  const read = () => harness.readModel;

  describe('journey summary', () => {
    it('shows status, the current vision and direction, the last step and reflection, and the stream version', async () => {
      const journey = await read().journey(tenantA.tenantId, 'pilot');

      expect(journey).toMatchObject({
        journeyId: 'pilot',
        teamId: 'team-1',
        title: 'A: Pilot check-ins',
        status: 'ACTIVE',
        startedBy: 'ada',
        direction: 'Fortnightly team retros',
        version: 23,
        vision: {
          version: 2,
          statement: 'Problems surface early, as a team',
          expectations: ['Everyone speaks'],
          successSignals: ['Fewer surprises'],
          reason: 'People want team time',
          by: 'ada',
        },
        lastStep: { stepId: 's-invite', status: 'DROPPED', title: 'Send invites', ownerId: 'ben', dueOn: '2026-03-09', takenAt: null },
        lastReflection: { reflectionId: 'r-ada', memberId: 'ada', closer: 'YES', comfort: 4, note: null, stepId: 's-agenda' },
      });
      expect(journey!.startedAt).toEqual(new Date('2026-03-02T09:09:00.000Z'));
      expect(journey!.lastStep!.droppedAt).toBeInstanceOf(Date);
      expect(journey!.updatedAt.getTime()).toBeGreaterThan(journey!.lastStep!.droppedAt!.getTime());
    });

    it('follows pauses and completion', async () => {
      const tenant = new TenantStory(harness.store);
      const journey = tenant.journey('short', 'team-1');
      await journey.emit('JourneyStarted', { title: 'Short', startedBy: 'ada' });
      await journey.emit('JourneyPaused', { reason: 'Holidays', pausedBy: 'ada' });
      await harness.project();
      expect(await read().journey(tenant.tenantId, 'short')).toMatchObject({ status: 'PAUSED', version: 2, vision: null, lastStep: null });

      await journey.emit('JourneyResumed', { resumedBy: 'ada' });
      const completedAt = await journey.emit('JourneyCompleted', { summary: 'Done', completedBy: 'ada' });
      await harness.project();
      expect(await read().journey(tenant.tenantId, 'short')).toMatchObject({ status: 'COMPLETED', version: 4, updatedAt: new Date(completedAt) });
    });

    it("is not found in another tenant, even under the same id", async () => {
      expect(await read().journey(new TenantStory(harness.store).tenantId, 'pilot')).toBeUndefined();
      expect((await read().journey(tenantB.tenantId, 'pilot'))!.title).toBe('B: Pilot check-ins');
    });
  });

  describe('journey lists', () => {
    it("lists a team's journeys newest first, one page at a time, with the asking member's role on the team", async () => {
      const first = (await read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-1', 'ben', { first: 1 }))!;
      expect(first.viewerTeamRole).toBe('STAFF');
      expect(nodes(first.page).map((j) => j.journeyId)).toEqual(['feedback']);
      expect(first.page.hasNextPage).toBe(true);

      const second = (await read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-1', 'ada', { first: 1, after: first.page.endCursor! }))!;
      expect(second.viewerTeamRole).toBe('LEADER');
      expect(nodes(second.page).map((j) => j.journeyId)).toEqual(['pilot']);
      expect(second.page.hasNextPage).toBe(false);
      expect(nodes(second.page)[0].vision?.version).toBe(2);
    });

    it("answers a team's page to a member not on it with no role, a team past its last journey with an empty page, and no team with nothing", async () => {
      const seenByCy = (await read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-1', 'cy', { first: 5 }))!;
      expect(seenByCy.viewerTeamRole).toBeNull();
      expect(nodes(seenByCy.page).map((j) => j.journeyId)).toEqual(['feedback', 'pilot']);
      const last = (await read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-2', 'cy', { first: 1 }))!;
      const past = (await read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-2', 'cy', { first: 1, after: last.page.endCursor! }))!;
      expect(past).toMatchObject({ viewerTeamRole: 'STAFF', page: { items: [], hasNextPage: false } });
      expect(await read().teamJourneysAsSeenBy(tenantA.tenantId, 'no-such-team', 'ada', { first: 1 })).toBeUndefined();
      // Another tenant's team is no team.
      expect(await read().teamJourneysAsSeenBy(new TenantStory(harness.store).tenantId, 'team-1', 'ada', { first: 1 })).toBeUndefined();
    });

    it('lists the journeys of every team a member belongs to, and only those', async () => {
      const ids = async (memberId: string) =>
        (await allPages(async (after) => (await read().memberJourneys(tenantA.tenantId, memberId, { first: 2, after })).page)).items.map((j) => j.journeyId);

      expect(await ids('ada')).toEqual(['feedback', 'onboarding', 'pilot']);
      expect(await ids('ben')).toEqual(['feedback', 'pilot']);
      expect(await ids('cy')).toEqual(['onboarding']);
      expect(await ids('nobody')).toEqual([]);
    });

    it('reads the asking member as a person with the journey and with each list: the member ids their sign-in subject had before', async () => {
      const tenant = new TenantStory(harness.store);
      await tenant.member('lee', 'Lee');
      await tenant.member('dee', 'Dee', 'auth|dee-person');
      await tenant.member('eve', 'Eve', 'auth|dee-person-2');
      await tenant.memberLeft('dee');
      await tenant.member('dee-2', 'Dee', 'auth|dee-person');
      await tenant.team('team-1', 'Readers', 'lee');
      for (const [memberId, role] of [['lee', 'LEADER'], ['dee-2', 'STAFF'], ['eve', 'STAFF']] as const) await tenant.teamMember('team-1', memberId, role);
      await tenant.journey('rejoined', 'team-1').emit('JourneyStarted', { title: 'Rejoined', startedBy: 'lee' });
      await harness.project();

      const asPerson = async (memberId: string) => ({
        journey: (await read().journeyAsSeenBy(tenant.tenantId, 'rejoined', memberId))?.viewerFormerMemberIds,
        team: (await read().teamJourneysAsSeenBy(tenant.tenantId, 'team-1', memberId, { first: 5 }))?.viewerFormerMemberIds,
        mine: (await read().memberJourneys(tenant.tenantId, memberId, { first: 5 })).viewerFormerMemberIds,
      });
      expect(await asPerson('dee-2')).toEqual({ journey: ['dee'], team: ['dee'], mine: ['dee'] });
      expect(await asPerson('eve')).toEqual({ journey: [], team: [], mine: [] });
      expect(await asPerson('lee')).toEqual({ journey: [], team: [], mine: [] });
      // The role is read as before, beside it.
      expect((await read().journeyAsSeenBy(tenant.tenantId, 'rejoined', 'dee-2'))?.viewerTeamRole).toBe('STAFF');
    });
  });

  describe('steps', () => {
    it("lists a member's planned steps soonest due first, undated last, across pages", async () => {
      const { pages, items } = await allPages((after) => read().openSteps(tenantA.tenantId, 'ben', { first: 2, after }));

      expect(pages).toBe(2);
      expect(items.map((s) => [s.stepId, s.dueOn])).toEqual([
        ['s-notes', '2026-03-08'],
        ['s-room', '2026-03-08'],
        ['s-survey', null],
      ]);
      expect(items.every((s) => s.status === 'PLANNED' && s.takenAt === null && s.teamId === 'team-1')).toBe(true);
    });

    it("lists taken steps awaiting their owner's reflection, and drops one once the owner reflects on it", async () => {
      const tenant = new TenantStory(harness.store);
      // Ben's steps are listed while he is on their team.
      await tenant.team('team-1', 'Loopers', 'ada');
      await tenant.teamMember('team-1', 'ben', 'STAFF');
      const journey = tenant.journey('loop', 'team-1');
      await journey.emit('JourneyStarted', { title: 'Loop', startedBy: 'ada' });
      await journey.emit('VisionArticulated', { version: 1, statement: 'Calm mornings', expectations: [], successSignals: [], articulatedBy: 'ada' });
      for (const stepId of ['s-1', 's-2', 's-3']) {
        await journey.emit('StepPlanned', { stepId, title: `Step ${stepId}`, ownerId: 'ben', dueOn: null, plannedBy: 'ben' });
      }
      for (const stepId of ['s-2', 's-1', 's-3']) {
        await journey.emit('StepTaken', { stepId, ownerId: 'ben', takenBy: 'ben', takenAt: tenant.tick() });
      }
      await harness.project();
      const awaiting = async () =>
        (await allPages((after) => read().stepsAwaitingReflection(tenant.tenantId, 'ben', { first: 2, after }))).items.map((s) => s.stepId);
      expect(await awaiting()).toEqual(['s-2', 's-1', 's-3']);

      const reflection = { closer: 'YES', comfort: 3, note: null, visionVersion: 1, direction: null } as const;
      await journey.emit('ReflectionRecorded', { reflectionId: 'r-1', memberId: 'ada', stepId: 's-1', ...reflection });
      await journey.emit('ReflectionRecorded', { reflectionId: 'r-2', memberId: 'ben', stepId: null, ...reflection });
      await harness.project();
      expect(await awaiting()).toEqual(['s-2', 's-1', 's-3']);

      await journey.emit('ReflectionRecorded', { reflectionId: 'r-3', memberId: 'ben', stepId: 's-1', ...reflection });
      await harness.project();
      expect(await awaiting()).toEqual(['s-2', 's-3']);
      expect(nodes(await read().openSteps(tenant.tenantId, 'ben', { first: 10 }))).toEqual([]);
    });

    it('in the story, only the step the owner has not reflected on awaits', async () => {
      const page = await read().stepsAwaitingReflection(tenantA.tenantId, 'ben', { first: 10 });
      expect(nodes(page).map((s) => [s.stepId, s.status])).toEqual([['s-agenda', 'TAKEN']]);
      expect(nodes(page)[0].takenAt).toBeInstanceOf(Date);
    });
  });

  describe('commitments', () => {
    it("lists a member's commitments soonest due first, open or resolved, across pages", async () => {
      const { items } = await allPages((after) => read().commitments(tenantA.tenantId, 'ben', { first: 1, after }));

      expect(items).toMatchObject([
        { commitmentId: 'c-room', status: 'KEPT', description: 'Book the room', dueOn: '2026-03-12', journeyId: 'pilot' },
        { commitmentId: 'c-notes', status: 'OPEN', description: 'Share retro notes', dueOn: '2026-03-20', resolvedAt: null },
      ]);
      expect(items[0].resolvedAt).toBeInstanceOf(Date);
    });

    it('lists only the commitments in a status when asked', async () => {
      const ids = async (status: 'OPEN' | 'KEPT' | 'MISSED') => nodes(await read().commitments(tenantA.tenantId, 'ben', { first: 10 }, status)).map((c) => c.commitmentId);
      expect([await ids('OPEN'), await ids('KEPT'), await ids('MISSED')]).toEqual([['c-notes'], ['c-room'], []]);
    });

    describe('paged while commitments are kept or missed between pages', () => {
      const tenant = () => new TenantStory(harness.store);
      const committed = async (story: TenantStory, dueOns: readonly string[]) => {
        await story.team('team-1', 'Committers', 'ada');
        await story.teamMember('team-1', 'ben', 'STAFF');
        const journey = story.journey('promises', 'team-1');
        await journey.emit('JourneyStarted', { title: 'Promises', startedBy: 'ada' });
        for (const [index, dueOn] of dueOns.entries()) {
          await journey.emit('CommitmentMade', { commitmentId: `c-${index + 1}`, memberId: 'ben', description: `Promise ${index + 1}`, dueOn, madeBy: 'ben' });
        }
        await harness.project();
        return journey;
      };

      it('lists each commitment once: one kept after the first page is not listed again', async () => {
        const story = tenant();
        const journey = await committed(story, ['2026-03-10', '2026-03-11', '2026-03-12']);
        const first = await read().commitments(story.tenantId, 'ben', { first: 2 });
        await journey.emit('CommitmentKept', { commitmentId: 'c-1', memberId: 'ben', markedBy: 'ben' });
        await journey.emit('CommitmentMissed', { commitmentId: 'c-3', memberId: 'ben', markedBy: 'ada' });
        await harness.project();
        const rest = await allPages((after) => read().commitments(story.tenantId, 'ben', { first: 2, after: after ?? first.endCursor! }));

        expect([...nodes(first), ...rest.items].map((c) => [c.commitmentId, c.status])).toEqual([
          ['c-1', 'OPEN'],
          ['c-2', 'OPEN'],
          ['c-3', 'MISSED'],
        ]);
      });

      it('skips none of the open ones when one already listed leaves them', async () => {
        const story = tenant();
        const journey = await committed(story, ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']);
        const first = await read().commitments(story.tenantId, 'ben', { first: 2 }, 'OPEN');
        await journey.emit('CommitmentKept', { commitmentId: 'c-2', memberId: 'ben', markedBy: 'ben' });
        await harness.project();
        const rest = await allPages((after) => read().commitments(story.tenantId, 'ben', { first: 2, after: after ?? first.endCursor! }, 'OPEN'));

        expect([...nodes(first), ...rest.items].map((c) => c.commitmentId)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
      });
    });
  });

  describe("a journey's commitments", () => {
    it('lists everyone’s, soonest due first, by status, across pages, and as of an instant', async () => {
      const story = new TenantStory(harness.store);
      await story.team('team-1', 'Committers', 'ada');
      await story.teamMember('team-1', 'ben', 'STAFF');
      await story.teamMember('team-1', 'cy', 'STAFF');
      const journey = story.journey('promises', 'team-1');
      const other = story.journey('elsewhere', 'team-1');
      await journey.emit('JourneyStarted', { title: 'Promises', startedBy: 'ada' });
      await other.emit('JourneyStarted', { title: 'Elsewhere', startedBy: 'ada' });
      await journey.emit('CommitmentMade', { commitmentId: 'c-ben', memberId: 'ben', description: 'Ben’s', dueOn: '2026-03-12', madeBy: 'ben' });
      const cyMadeAt = await journey.emit('CommitmentMade', { commitmentId: 'c-cy', memberId: 'cy', description: 'Cy’s', dueOn: '2026-03-10', madeBy: 'ada' });
      await other.emit('CommitmentMade', { commitmentId: 'c-other', memberId: 'ben', description: 'Not this journey', dueOn: '2026-03-09', madeBy: 'ben' });
      const keptAt = await journey.emit('CommitmentKept', { commitmentId: 'c-cy', memberId: 'cy', markedBy: 'ada' });
      await journey.emit('CommitmentMade', { commitmentId: 'c-ada', memberId: 'ada', description: 'Ada’s', dueOn: '2026-03-11', madeBy: 'ada' });
      await harness.project();
      const list = (status?: 'OPEN' | 'KEPT' | 'MISSED', asOf?: string) =>
        allPages((after) => read().journeyCommitments(story.tenantId, 'promises', { first: 1, after }, status, asOf === undefined ? undefined : new Date(asOf)));

      const all = await list();
      expect(all.items.map((c) => [c.commitmentId, c.memberId, c.status])).toEqual([
        ['c-cy', 'cy', 'KEPT'],
        ['c-ada', 'ada', 'OPEN'],
        ['c-ben', 'ben', 'OPEN'],
      ]);
      expect(all.pages).toBe(3);
      expect((await list('OPEN')).items.map((c) => c.commitmentId)).toEqual(['c-ada', 'c-ben']);
      expect((await list('KEPT')).items.map((c) => c.commitmentId)).toEqual(['c-cy']);
      // Before it was kept, Cy's was open, and Ada's not yet made.
      const before = await list(undefined, new Date(Date.parse(keptAt) - 1).toISOString());
      expect(before.items.map((c) => [c.commitmentId, c.status, c.resolvedAt])).toEqual([
        ['c-cy', 'OPEN', null],
        ['c-ben', 'OPEN', null],
      ]);
      expect((await list('OPEN', keptAt)).items.map((c) => c.commitmentId)).toEqual(['c-ben']);
      expect((await list(undefined, new Date(Date.parse(cyMadeAt) - 1).toISOString())).items.map((c) => c.commitmentId)).toEqual(['c-ben']);
      // A cursor of a member's list is no cursor of a journey's.
      const mine = await read().commitments(story.tenantId, 'ben', { first: 1 });
      await expect(read().journeyCommitments(story.tenantId, 'promises', { first: 1, after: mine.endCursor! })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe("a journey's reflections", () => {
    it('lists them newest first, by answer, across pages, and as of an instant', async () => {
      const story = new TenantStory(harness.store);
      await story.team('team-1', 'Reflectors', 'ada');
      await story.teamMember('team-1', 'ben', 'STAFF');
      const journey = story.journey('loop', 'team-1');
      const other = story.journey('elsewhere', 'team-1');
      await journey.emit('JourneyStarted', { title: 'Loop', startedBy: 'ada' });
      await other.emit('JourneyStarted', { title: 'Elsewhere', startedBy: 'ada' });
      const answer = { comfort: 2, note: 'Hard week', stepId: null, visionVersion: 1, direction: null } as const;
      await journey.emit('ReflectionRecorded', { reflectionId: 'r-1', memberId: 'ben', closer: 'NO', ...answer });
      const secondAt = await journey.emit('ReflectionRecorded', { reflectionId: 'r-2', memberId: 'ada', closer: 'YES', ...answer });
      await other.emit('ReflectionRecorded', { reflectionId: 'r-other', memberId: 'ben', closer: 'NO', ...answer });
      await journey.emit('ReflectionRecorded', { reflectionId: 'r-3', memberId: 'ben', closer: 'NO', ...answer, direction: 'Talk on Fridays' });
      await harness.project();
      const list = (closer?: 'YES' | 'NO' | 'UNSURE', asOf?: string) =>
        allPages((after) => read().journeyReflections(story.tenantId, 'loop', { first: 1, after }, closer, asOf === undefined ? undefined : new Date(asOf)));

      const all = await list();
      expect(all.items.map((r) => [r.reflectionId, r.memberId, r.closer, r.comfort, r.note, r.direction])).toEqual([
        ['r-3', 'ben', 'NO', 2, 'Hard week', 'Talk on Fridays'],
        ['r-2', 'ada', 'YES', 2, 'Hard week', null],
        ['r-1', 'ben', 'NO', 2, 'Hard week', null],
      ]);
      expect(all.pages).toBe(3);
      expect((await list('NO')).items.map((r) => r.reflectionId)).toEqual(['r-3', 'r-1']);
      expect((await list(undefined, secondAt)).items.map((r) => r.reflectionId)).toEqual(['r-2', 'r-1']);
      // A cursor of another journey's reflections is no cursor of this one's.
      const elsewhere = await read().journeyReflections(story.tenantId, 'elsewhere', { first: 1 });
      await expect(read().journeyReflections(story.tenantId, 'loop', { first: 1, after: elsewhere.endCursor! })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('timeline', () => {
    it('renders every event as a sentence for people, in stream order, with names from the directory', async () => {
      const { items, pages } = await allPages((after) => read().timeline(tenantA.tenantId, 'pilot', { first: 5, after }));

      expect(pages).toBe(5);
      expect(items.map((entry) => entry.sequence)).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
      expect(items.map((entry) => entry.summary)).toEqual([
        'Ada started the journey "A: Pilot check-ins"',
        'Ada articulated the vision: "Problems surface early"',
        'Ada set the direction "Weekly 1:1 check-ins"',
        'Ben planned the step "Run a pilot", due 2026-03-10',
        'Ada planned a step for Ben: "Survey the team"',
        'Ben planned the step "Draft an agenda", due 2026-03-05',
        'Ben planned the step "Write up notes", due 2026-03-08',
        'Ben planned the step "Find a room", due 2026-03-08',
        'Ben planned the step "Send invites", due 2026-03-09',
        'Ben took the step "Run a pilot"',
        'Ada marked Ben\'s step "Draft an agenda" as taken',
        'Ben reflected on the step "Run a pilot": closer? NO',
        'Ada reflected on the step "Draft an agenda": closer? YES',
        'Ada pivoted from "Weekly 1:1 check-ins" to "Fortnightly team retros": 1:1s felt like surveillance',
        'Ada revised the vision (version 2) to "Problems surface early, as a team": People want team time',
        'Ben asked for support',
        'Ada offered support to Ben',
        'Ben committed to "Share retro notes" by 2026-03-20',
        'Ada recorded a commitment for Ben: "Book the room" by 2026-03-12',
        'Ada marked Ben\'s commitment "Book the room" as kept',
        'Ben dropped the step "Send invites": Retros replace invites',
        'Ada paused the journey: Half-term',
        'Ada resumed the journey',
      ]);
      expect(items[0]).toMatchObject({ journeyId: 'pilot', eventType: 'JourneyStarted', actorId: 'ada', actorName: 'Ada', note: null, noteAuthorId: null });
      // Comfort stays apart from the sentence, for the api to show to whom it may.
      expect(items.filter((entry) => entry.comfort !== null).map((entry) => [entry.sequence, entry.actorId, entry.comfort])).toEqual([
        [12, 'ben', 2],
        [13, 'ada', 4],
      ]);
    });

    it('keeps reflection notes (and support needs) out of every sentence; the note has its own field', async () => {
      const { items } = await allPages((after) => read().timeline(tenantA.tenantId, 'pilot', { first: 100, after }));
      const reflection = items.find((entry) => entry.sequence === 12)!;

      expect(reflection).toMatchObject({ eventType: 'ReflectionRecorded', note: 'I felt exposed in the meeting', noteAuthorId: 'ben', actorName: 'Ben' });
      expect(items.filter((entry) => entry.note !== null)).toHaveLength(1);
      for (const entry of items) {
        expect(entry.summary).not.toContain('exposed');
        expect(entry.summary).not.toContain('run a retro');
        expect(entry.summary).not.toContain('pair on the first one');
      }
      const { rows } = await harness.db.query(`SELECT summary FROM journey_timeline WHERE summary LIKE '%exposed%'`);
      expect(rows).toEqual([]);
    });

    it('shows names as the directory has them now, and user text as typed', async () => {
      const tenant = new TenantStory(harness.store);
      await tenant.member('dee', 'Dee $& {member}');
      const journey = tenant.journey('names', 'team-1');
      await journey.emit('JourneyStarted', { title: 'About {member} and $1', startedBy: 'dee' });
      await journey.emit('SupportOffered', { requestId: 'q-x', requestedBy: 'dee', leaderId: 'ghost', message: 'hi' });
      await harness.project();

      const entries = nodes(await read().timeline(tenant.tenantId, 'names', { first: 10 }));
      expect(entries.map((entry) => entry.summary)).toEqual([
        'Dee $& {member} started the journey "About {member} and $1"',
        'Someone offered support to Dee $& {member}',
      ]);
      expect(entries[1].actorName).toBe('Someone');
    });
  });

  describe('support requests', () => {
    it("lists a journey's requests oldest first, each with every offer in the order made, across pages, and as of a past instant", async () => {
      const tenant = new TenantStory(harness.store);
      await tenant.member('ada', 'Ada');
      await tenant.member('ben', 'Ben');
      const journey = tenant.journey('helped', 'team-1');
      await journey.emit('JourneyStarted', { title: 'Help', startedBy: 'ada' });
      const askedAt = await journey.emit('SupportRequested', { requestId: 'q-1', memberId: 'ben', need: 'Unsure where to start' });
      await journey.emit('SupportRequested', { requestId: 'q-2', memberId: 'ada', need: 'Feeling exposed' });
      const firstOfferAt = await journey.emit('SupportOffered', { requestId: 'q-1', requestedBy: 'ben', leaderId: 'ada', message: 'Start small' });
      await journey.emit('SupportOffered', { requestId: 'q-1', requestedBy: 'ben', leaderId: 'gone', message: 'Ask me too' });
      await harness.project();

      const { items, pages } = await allPages((after) => read().supportRequests(tenant.tenantId, 'helped', { first: 1, after }));
      expect(pages).toBe(2);
      expect(items).toEqual([
        {
          requestId: 'q-1',
          journeyId: 'helped',
          teamId: 'team-1',
          requesterId: 'ben',
          requesterName: 'Ben',
          need: 'Unsure where to start',
          requestedAt: new Date(askedAt),
          offers: [
            { leaderId: 'ada', leaderName: 'Ada', message: 'Start small', offeredAt: new Date(firstOfferAt) },
            { leaderId: 'gone', leaderName: null, message: 'Ask me too', offeredAt: expect.any(Date) },
          ],
        },
        expect.objectContaining({ requestId: 'q-2', requesterId: 'ada', requesterName: 'Ada', need: 'Feeling exposed', offers: [] }),
      ]);

      const asOf = nodes(await read().supportRequests(tenant.tenantId, 'helped', { first: 10 }, new Date(firstOfferAt)));
      expect(asOf.map((request) => [request.requestId, request.offers.map((offer) => offer.message)])).toEqual([
        ['q-1', ['Start small']],
        ['q-2', []],
      ]);
      expect(nodes(await read().supportRequests(tenant.tenantId, 'helped', { first: 10 }, new Date(askedAt))).map((request) => request.offers)).toEqual([[]]);
    });

    it("is another tenant's under the same ids: each reads its own need and offers", async () => {
      const [a, b] = await Promise.all([tenantA, tenantB].map(async (tenant) => nodes(await read().supportRequests(tenant.tenantId, 'pilot', { first: 10 }))));
      expect(a.map((request) => [request.requestId, request.need, request.offers.map((offer) => offer.message)])).toEqual([
        ['q-1', 'I do not know how to run a retro', ['Let us pair on the first one']],
      ]);
      expect(b).toHaveLength(1);
      expect(b[0].offers).toHaveLength(1);
    });

    it('refuses a cursor of another list', async () => {
      const timeline = await read().timeline(tenantA.tenantId, 'pilot', { first: 1 });
      await expect(read().supportRequests(tenantA.tenantId, 'pilot', { first: 1, after: timeline.endCursor! })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('vision history', () => {
    it('lists every version, oldest first; only revisions carry a reason', async () => {
      const history = await read().visionHistory(tenantA.tenantId, 'pilot');

      expect(history).toMatchObject([
        { version: 1, statement: 'Problems surface early', reason: null, by: 'ada' },
        { version: 2, statement: 'Problems surface early, as a team', reason: 'People want team time', by: 'ada' },
      ]);
      expect(history[0].at.getTime()).toBeLessThan(history[1].at.getTime());
      expect(await read().visionHistory(tenantA.tenantId, 'onboarding')).toEqual([]);
    });
  });

  describe('page requests', () => {
    it.each([
      ['garbage', 'not base64 json'],
      ['another list', Buffer.from(JSON.stringify(['journeyTimeline', 12])).toString('base64url')],
      ['another list with the same shape of key', Buffer.from(JSON.stringify(['myCommitments/ben', '2026-03-02', '2026-03-02T09:00:00.000Z', 'pilot', 's-1'])).toString('base64url')],
      ['a bad date', Buffer.from(JSON.stringify(['myOpenSteps/ben', '2026-02-30', '2026-03-02T09:00:00.000Z', 'pilot', 's-1'])).toString('base64url')],
      ['an empty string', ''],
    ])('refuses a cursor that is %s with VALIDATION_FAILED', async (_case, after) => {
      await expect(read().openSteps(tenantA.tenantId, 'ben', { first: 2, after })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a timeline cursor used on a journey list, and a page size out of range', async () => {
      const timeline = await read().timeline(tenantA.tenantId, 'pilot', { first: 1 });
      await expect(read().teamJourneysAsSeenBy(tenantA.tenantId, 'team-1', 'ada', { first: 1, after: timeline.endCursor! })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(read().timeline(tenantA.tenantId, 'pilot', { first: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(read().timeline(tenantA.tenantId, 'pilot', { first: 101 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('gives an empty last page no cursor', async () => {
      expect(await read().timeline(tenantA.tenantId, 'no-such-journey', { first: 5 })).toEqual({ items: [], hasNextPage: false, endCursor: null });
    });
  });

  describe('row-level security', () => {
    it.each(journeysReadTables)('a query on %s without a tenant filter sees only the reading tenant', async (table) => {
      const { rows: stored } = await harness.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantB.tenantId]);
      expect(stored[0].n).toBeGreaterThan(0);

      const seen = await harness.reader.read(tenantA.tenantId, async (tx) => (await tx.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM ${table}`)).rows);
      expect(seen).toEqual([{ tenant_id: tenantA.tenantId }]);
    });

    it("refuses to write a row into another tenant's data", async () => {
      const insert = `INSERT INTO journeys (tenant_id, journey_id, team_id, title, status, started_by, started_at, version, updated_at)
           VALUES ($1, 'planted', 'team-1', 'Planted', 'ACTIVE', 'ada', now(), 1, now())`;
      // The reader reads only; as the application role for tenant A, the policy refuses B's row.
      await expect(harness.reader.read(tenantA.tenantId, (tx) => tx.query(insert, [tenantB.tenantId]))).rejects.toThrow(/SELECT statements only/);
      const asTenantA = harness.db.transaction((tx) => tx.query(insert, [tenantB.tenantId]), { setupSql: appRoleForTenantSql(tenantA.tenantId) });
      await expect(asTenantA).rejects.toThrow(/row-level security/);
    });
  });

  describe('rebuild', () => {
    it('replays the log into identical rows after the projections are reset', async () => {
      const rebuilt = await Harness.open(engine);
      const { db } = rebuilt;
      try {
        const tenants = [new TenantStory(rebuilt.store), new TenantStory(rebuilt.store)];
        for (const tenant of tenants) await tellPilotStory(tenant);
        await rebuilt.project();
        const before = await rebuilt.snapshot(tenants.map((tenant) => tenant.tenantId));
        expect(before['journey_timeline']).toHaveLength(2 * 25);

        await rebuilt.stop();
        await resetProjections(db, rebuilt.processor, projections);
        expect((await db.query(`SELECT count(*)::int AS n FROM journey_timeline`)).rows).toEqual([{ n: 0 }]);
        await rebuilt.start();
        await rebuilt.project();

        expect(await rebuilt.snapshot(tenants.map((tenant) => tenant.tenantId))).toEqual(before);
      } finally {
        await rebuilt.close();
      }
    }, 60_000);
  });
});
