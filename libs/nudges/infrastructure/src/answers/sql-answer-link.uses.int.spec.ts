import { eventStoreMigrations } from '@stepwise/event-store';
import type { AnswerLinkUse } from '@stepwise/journeys-application';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { answerLinkMigrations } from './answer-link.migrations';
import { SqlAnswerLinkUses } from './sql-answer-link.uses';

const use = (overrides: Partial<AnswerLinkUse> = {}): AnswerLinkUse => ({
  tenantId: 'tenant-a',
  nonce: '0123456789abcdef0123456789abcdef',
  nudgeId: 'nudge-1',
  memberId: 'member-1',
  journeyId: 'journey-1',
  reflectionId: 'reflection-1',
  closer: 'YES',
  comfort: 2,
  channel: 'LINK',
  answeredAt: new Date('2026-03-02T09:00:00.000Z'),
  ...overrides,
});

describe.each<TestEngine>(['postgres', 'pglite'])('used answer links on %s', (engine) => {
  let storage: Storage;
  let uses: SqlAnswerLinkUses;

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...answerLinkMigrations], upcasters: [] }, { poolSize: 2 });
    uses = new SqlAnswerLinkUses(storage.database);
  });

  afterAll(() => storage?.close());

  it('are found by tenant and nonce, as recorded', async () => {
    const first = use({ nonce: 'aa'.repeat(16) });
    await uses.record(first);
    expect(await uses.find('tenant-a', first.nonce)).toEqual(first);
  });

  it('keep the first use of a nonce: recording another answer under it changes nothing', async () => {
    const first = use({ nonce: 'bb'.repeat(16) });
    await uses.record(first);
    await uses.record({ ...first, closer: 'NO', comfort: 5, channel: 'SLACK', answeredAt: new Date('2026-03-02T10:00:00.000Z') });
    expect(await uses.find('tenant-a', first.nonce)).toEqual(first);
  });

  it('are another tenant’s only for that tenant', async () => {
    const first = use({ nonce: 'cc'.repeat(16) });
    await uses.record(first);
    expect(await uses.find('tenant-b', first.nonce)).toBeUndefined();
    await uses.record({ ...first, tenantId: 'tenant-b', closer: 'UNSURE' });
    expect((await uses.find('tenant-b', first.nonce))?.closer).toBe('UNSURE');
    expect((await uses.find('tenant-a', first.nonce))?.closer).toBe('YES');
  });

  it('refuse what no link can carry: a nonce not of 32 hex digits, a comfort outside 1 to 5', async () => {
    await expect(uses.record(use({ nonce: 'not-a-nonce' }))).rejects.toThrow();
    await expect(uses.record(use({ nonce: 'dd'.repeat(16), comfort: 6 }))).rejects.toThrow();
    expect(await uses.find('tenant-a', 'dd'.repeat(16))).toBeUndefined();
  });
});
