/**
 * Time travel over streams longer than one page of a stream read (READ_LIMITS.defaultStreamCount
 * events): the journey's own stream, and the organisation's that says who each member id is.
 * Appended through the event store on PostgreSQL and on PGlite, folded by the history reader.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, READ_LIMITS, type EventStore, type NewEvent } from '@stepwise/event-store';
import type { JourneyEvent } from '@stepwise/journeys-domain';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { organisationStreamId, type OrganisationEvent } from '@stepwise/tenancy-domain';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { JourneyHistoryReader } from './journey-history.reader';

const PAGE = READ_LIMITS.defaultStreamCount;
const START = Date.parse('2026-01-05T09:00:00.000Z');
const minute = (n: number): string => new Date(START + n * 60_000).toISOString();
const NOW = new Date(START + 365 * 24 * 60 * 60_000);

const append = async (store: EventStore, tenantId: string, streamId: string, events: readonly (JourneyEvent | OrganisationEvent)[]): Promise<void> => {
  const stored: NewEvent[] = events.map(({ type, data }) => ({ id: randomUUID(), type, data: { ...data } }));
  for (let from = 0; from < stored.length; from += 1000) await store.append(tenantId, streamId, stored.slice(from, from + 1000));
};

const journeyOf = (journeyId: string) => {
  const base = { journeyId, teamId: 'team-1' };
  return {
    started: (): JourneyEvent => ({ type: 'JourneyStarted', data: { ...base, title: 'Calm Mondays', startedBy: 'mem-lee', at: minute(0) } }),
    vision: (version: number, at: string): JourneyEvent =>
      version === 1
        ? { type: 'VisionArticulated', data: { ...base, version, statement: 'Calm', expectations: [], successSignals: [], articulatedBy: 'mem-lee', at } }
        : { type: 'VisionRevised', data: { ...base, version, statement: 'Calmer', expectations: [], successSignals: [], reason: 'Sharper', revisedBy: 'mem-lee', at } },
    reflection: (memberId: string, at: string): JourneyEvent => ({
      type: 'ReflectionRecorded',
      data: { ...base, reflectionId: randomUUID(), memberId, closer: 'YES', comfort: 3, note: null, stepId: null, visionVersion: 1, direction: null, at },
    }),
  };
};

const memberJoined = (organisationId: string, memberId: string, at: string): OrganisationEvent => ({
  type: 'MemberJoined',
  data: { organisationId, memberId, subject: 'auth|ada', displayName: 'Ada', email: null, orgRole: 'MEMBER', timezone: 'UTC', quietHours: null, addedBy: 'mem-lee', at },
});

const engines: [string, TestEngine][] = [
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
];

describe.each(engines)('a journey as of an instant, over long streams, on %s', (_name, engine) => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let reader: JourneyHistoryReader;
  const tenantId = randomUUID();

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: eventStoreMigrations, upcasters: [] });
    reader = new JourneyHistoryReader(storage.eventStore);
  }, 60_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('folds every event of a journey longer than one page of a stream read', async () => {
    const journeyId = randomUUID();
    const journey = journeyOf(journeyId);
    const reflections = Array.from({ length: PAGE }, (_, index) => journey.reflection('mem-ada', minute(1 + index)));
    // The revision and the last reflection come after the first page.
    const events = [journey.started(), journey.vision(1, minute(0)), ...reflections, journey.vision(2, minute(PAGE + 1)), journey.reflection('mem-ada', minute(PAGE + 2))];
    await append(storage.eventStore, tenantId, journeyStreamId(journeyId), events);

    const now = await reader.asOf(tenantId, journeyId, NOW, NOW);
    expect({ version: now.journey.version, vision: now.journey.vision?.version, reflections: now.tally.reflections, lastAt: now.journey.lastReflection?.at }).toEqual({
      version: PAGE + 4,
      vision: 2,
      reflections: PAGE + 1,
      lastAt: new Date(minute(PAGE + 2)),
    });
  }, 120_000);

  it('knows every member id of an organisation whose own stream is longer than one page: someone added again is one person', async () => {
    const organisationId = randomUUID();
    const organisation: OrganisationEvent[] = [
      { type: 'OrganisationCreated', data: { organisationId, name: 'Acme', slug: 'acme', createdBy: 'mem-lee', at: minute(0) } },
      memberJoined(organisationId, 'mem-ada', minute(0)),
      ...Array.from({ length: PAGE }, (_, index): OrganisationEvent => ({
        type: 'MemberPreferencesUpdated',
        data: { organisationId, memberId: 'mem-ada', timezone: index % 2 === 0 ? 'Europe/London' : 'UTC', quietHours: null, updatedBy: 'mem-ada', at: minute(1) },
      })),
      { type: 'MemberLeft', data: { organisationId, memberId: 'mem-ada', removedBy: 'mem-lee', at: minute(2) } },
      memberJoined(organisationId, 'mem-ada-2', minute(3)),
    ];
    await append(storage.eventStore, organisationId, organisationStreamId(organisationId), organisation);
    const journeyId = randomUUID();
    const journey = journeyOf(journeyId);
    await append(storage.eventStore, organisationId, journeyStreamId(journeyId), [
      journey.started(),
      journey.vision(1, minute(0)),
      journey.reflection('mem-ada', minute(1)),
      journey.reflection('mem-ada-2', minute(4)),
    ]);

    const { tally } = await reader.asOf(organisationId, journeyId, NOW, NOW);
    expect(tally).toEqual({
      reflections: 2,
      people: 1,
      answers: [
        { memberId: 'mem-ada', person: 'auth|ada', comfort: 3, at: new Date(minute(1)) },
        { memberId: 'mem-ada-2', person: 'auth|ada', comfort: 3, at: new Date(minute(4)) },
      ],
    });
  }, 120_000);
});
