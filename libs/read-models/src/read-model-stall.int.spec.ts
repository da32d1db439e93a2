/**
 * The policy for an event a projection cannot apply (libs/projections/README.md): the runner stops
 * at it, reports the processor, projection and event id (projection_stalls, read by the api's
 * readiness; ProjectionFailedError to the worker's log), applies nothing after it, keeps retrying,
 * and goes on by itself once the event goes through. On PostgreSQL and PGlite, with the real
 * read-model projections.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { ProjectionFailedError, ProjectionRunner, readProjectionStalls, type Projection, type ProjectionStall } from '@stepwise/projections';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { openTestStorage, waitUntil, type TestEngine } from '@stepwise/test-support';
import { readModelProjections, stepwiseSchema } from './read-models';

const at = '2026-03-02T09:00:00.000Z';

const journeyStarted = (journeyId: string, title: string): NewEvent => ({
  id: randomUUID(),
  type: 'JourneyStarted',
  data: { journeyId, teamId: 'team-1', at, title, startedBy: 'ada' },
});

// The poison: a StepPlanned naming no journey (journey_steps.journey_id is NOT NULL).
const stepWithoutJourney = (): NewEvent => ({
  id: randomUUID(),
  type: 'StepPlanned',
  data: { teamId: 'team-1', at, stepId: 'step-1', title: 'Orphan', ownerId: 'ada', dueOn: null, plannedBy: 'ada' },
});

const waitFor = <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => waitUntil(probe, what, 15_000);

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('a read-model runner meeting an event it cannot apply, on %s', (_name, engine) => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;
  let errors: unknown[];
  let tenantId: string;
  let processor: string;

  // A database per test: the poison of one must not sit in the log the other's runner reads.
  beforeEach(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
    errors = [];
    tenantId = `org-${randomUUID()}`;
    processor = `stall-probe-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await storage?.close();
  });

  const run = async (projections: readonly Projection[]): Promise<void> => {
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor,
      projections,
      pollIntervalMs: 50,
      retryMaxMs: 50,
      onError: (error) => errors.push(error),
    });
    await runner.start();
  };

  const append = (streamId: string, event: NewEvent) => storage.eventStore.append(tenantId, streamId, [event]);

  const titles = async (): Promise<string[]> =>
    (await storage.database.query<{ title: string }>('SELECT title FROM journeys WHERE tenant_id = $1 ORDER BY title', [tenantId])).rows.map(
      (row) => row.title,
    );

  const stallOf = async (): Promise<ProjectionStall | undefined> =>
    (await readProjectionStalls(storage.database)).find((stall) => stall.processor === processor);

  it('stops at the event, names it and its projection, and applies nothing behind it', async () => {
    await append(journeyStreamId('before'), journeyStarted('before', 'Before'));
    const poison = stepWithoutJourney();
    await append(journeyStreamId('orphan'), poison);
    await append(journeyStreamId('after'), journeyStarted('after', 'After'));

    await run(readModelProjections);
    const stall = await waitFor(async () => {
      const found = await stallOf();
      return found && found.attempts >= 3 ? found : undefined;
    }, 'the stall retried three times');

    expect(stall).toMatchObject({ processor, projection: 'journey-steps', eventId: poison.id, eventType: 'StepPlanned', tenantId });
    expect(stall.error).toContain('journey_id');
    const reported = errors.find((error): error is ProjectionFailedError => error instanceof ProjectionFailedError);
    expect(reported?.details).toMatchObject({ processor, projection: 'journey-steps', eventId: poison.id });
    // The batch holding the poison rolled back whole: "Before" shares it, "After" is behind it.
    expect(await titles()).not.toContain('After');
    expect(runner?.leading).toBe(true);
  });

  it('rolls back a batch of many tenants whole, whose chunks were in flight together, and names the event', async () => {
    // Enough tenants in one batch for its row projections to go in chunks on PostgreSQL (tenant-pipeline.ts).
    const tenants = Array.from({ length: 24 }, (_, index) => `org-${index}-${randomUUID()}`);
    const poison = stepWithoutJourney();
    for (const [index, tenant] of tenants.entries()) {
      await storage.eventStore.append(tenant, journeyStreamId('j'), [journeyStarted('j', `Journey ${index}`)]);
      if (index === 17) await storage.eventStore.append(tenant, journeyStreamId('orphan'), [poison]);
    }
    await run(readModelProjections);
    const stall = await waitFor(async () => {
      const found = await stallOf();
      return found && found.attempts >= 2 ? found : undefined;
    }, 'the stall retried');
    expect(stall).toMatchObject({ processor, projection: 'journey-steps', eventId: poison.id, tenantId: tenants[17] });
    const { rows } = await storage.database.query<{ count: string }>('SELECT count(*) FROM journeys WHERE tenant_id = ANY($1)', [tenants]);
    expect(Number(rows[0].count)).toBe(0);
    expect(runner?.leading).toBe(true);
  });

  it('goes on by itself once the event goes through, and clears the report', async () => {
    let broken = true;
    // Stands for a fault that passes (or a fixed projection deployed): fails while `broken`.
    const flaky: Projection = {
      name: 'flaky',
      eventTypes: ['JourneyPaused'],
      tables: [],
      apply: async () => {
        if (broken) throw new Error('downstream unavailable');
      },
    };
    await append(journeyStreamId('j'), journeyStarted('j', 'Paused one'));
    const pause: NewEvent = { id: randomUUID(), type: 'JourneyPaused', data: { journeyId: 'j', teamId: 'team-1', at, reason: 'Holidays', pausedBy: 'ada' } };
    await append(journeyStreamId('j'), pause);
    await append(journeyStreamId('k'), journeyStarted('k', 'Later one'));

    await run([...readModelProjections, flaky]);
    expect(await waitFor(stallOf, 'the stall reported')).toMatchObject({ projection: 'flaky', eventId: pause.id });
    expect(await titles()).not.toContain('Later one');

    broken = false;
    await waitFor(async () => ((await titles()).includes('Later one') ? true : undefined), 'the events after it projected');
    await waitFor(async () => ((await stallOf()) === undefined ? true : undefined), 'the stall report cleared');
    expect(await titles()).toEqual(['Later one', 'Paused one']);
  });

  it('stopped while it waits to retry, ends the wait: no timer of its own keeps the process alive', async () => {
    // Every timer the runner sets from here on, with where it was set.
    const timers: { timer: NodeJS.Timeout; stack: string }[] = [];
    const realSetTimeout = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      timers.push({ timer, stack: new Error().stack ?? '' });
      return timer;
    }) as typeof setTimeout);
    try {
      await append(journeyStreamId('orphan'), stepWithoutJourney());
      runner = new ProjectionRunner(storage.database, storage.eventStore, {
        processor,
        projections: readModelProjections,
        pollIntervalMs: 50,
        // The pause before a retry grows to a minute: the process must not wait for it to end.
        retryMaxMs: 60_000,
        onError: (error) => errors.push(error),
      });
      await runner.start();
      await waitFor(async () => (errors.some((error) => error instanceof ProjectionFailedError) ? true : undefined), 'the failure reported');
      await waitFor(async () => (timers.some(({ stack }) => stack.includes('recover')) ? true : undefined), 'the retry waiting');
      await runner.stop();
      runner = undefined;
    } finally {
      spy.mockRestore();
    }
    const pending = timers.filter(({ timer, stack }) => stack.includes('projection-runner') && timer.hasRef() && !(timer as unknown as { _destroyed: boolean })._destroyed);
    expect(pending.map(({ stack }) => stack.split('\n').find((line) => line.includes('projection-runner'))?.trim())).toEqual([]);
  });
});
