/**
 * The nudge policy's processor against real storage, on PostgreSQL and PGlite: domain events
 * appended through the event store, the processor following the log, and what lands in
 * nudges.outbox: rule, recipient, due time after quiet hours, suppressions recorded with their
 * reasons, duplicates dropped when the log is replayed from a reset checkpoint, old history
 * recorded STALE (a fact recorded late owes its nudge from when it was recorded), relevance read
 * back from the stored documents, and the weekly digest tick. The fixed clock records the events
 * as well as judging staleness.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import type { PolicyEvent } from '@stepwise/nudges-domain';
import {
  aTeamWithAJourney,
  daysAfter,
  hoursAfter,
  KIM,
  LEE,
  memberAddedAgain,
  memberLeft,
  memberPreferencesUpdated,
  notificationPreferencesChanged,
  nudgeSettingsChanged,
  reflectionRecorded,
  SAM,
  settingsWith,
  stepPlanned,
  stepTaken,
  supportRequested,
  T0,
  teamMemberJoined,
  teamMemberLeft,
  teamMemberRoleChanged,
} from '@stepwise/nudges-domain/testing';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner, resetProjections } from '@stepwise/projections';
import { stepwiseSchema } from '@stepwise/read-models';
import { appendPolicyEvents, openTestStorage, recordTransactions, type TestEngine } from '@stepwise/test-support';
import { policyNudgeRelevance } from '../delivery/policy.adapters';
import { runDigestTick } from './digest.tick';
import { checkNudgeRelevance, loadMemberDocument } from './nudge-relevance.check';
import { NUDGE_POLICY_PROCESSOR, nudgePolicyProjections } from './nudge-policy.processor';
import { loadTenantOutbox, type OutboxNudge } from './outbox.reader';

const TEN = hoursAfter(T0, 1);

/** An outbox row as the specs read it. */
const row = (nudge: OutboxNudge): string =>
  `${nudge.rule} to ${nudge.recipientId} about ${nudge.subject.subjectId} at ${nudge.dueAt}${nudge.suppressedReason ? ` suppressed ${nudge.suppressedReason}/${nudge.suppressedDetail}` : ''}`;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the nudge policy processor, on %s', (_name, engine) => {
  /**
   * One database for the engine's tests, each test in an organisation of its own (a database each
   * cost 3 to 6 s of setup per test). A new runner goes on from the checkpoint the last one left, so
   * it reads only the events its test appends, as a processor started on a new database would.
   */
  let shared: Storage;
  let storage: Storage;
  let runner: ProjectionRunner | undefined;
  let tenantId: string;
  let errors: unknown[];
  const clock = new FixedClock(TEN);
  const openOwnStorage = () => openTestStorage(engine, stepwiseSchema, { poolSize: 4, clock });

  beforeAll(async () => {
    shared = await openOwnStorage();
  });
  afterAll(async () => {
    await shared?.close();
  });
  beforeEach(() => {
    clock.set(TEN);
    storage = shared;
    tenantId = `org-${randomUUID()}`;
    errors = [];
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    if (storage !== shared) await storage?.close();
  });

  const append = (events: readonly PolicyEvent[]): Promise<void> => appendPolicyEvents(storage.eventStore, tenantId, events);

  const runPolicy = async (options: { batchSize?: number } = {}): Promise<void> => {
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: NUDGE_POLICY_PROCESSOR,
      projections: nudgePolicyProjections({ clock }),
      pollIntervalMs: 20,
      retryMaxMs: 50,
      batchSize: options.batchSize,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.caughtUp();
  };

  const outbox = async (): Promise<string[]> => (await loadTenantOutbox(storage.database, tenantId)).map(row);

  it('writes owed nudges with their rule, recipient and due time moved out of quiet hours', async () => {
    await append([...aTeamWithAJourney(), memberPreferencesUpdated(KIM, 'Pacific/Auckland', { start: '22:00', end: '07:00' }), stepPlanned('s1', KIM), stepTaken('s1', KIM, TEN)]);
    await runPolicy();
    expect(errors).toEqual([]);
    const rows = await loadTenantOutbox(storage.database, tenantId);
    expect(rows.map(row).sort()).toEqual(
      [
        // 03:00 in Auckland, in Kim's quiet hours: 07:00 NZDT.
        `REFLECT to ${KIM} about s1 at 2026-03-02T18:00:00.000Z`,
        // The journey's start and the step taken each begin a quiet stretch for the leader.
        `STALLED_JOURNEY to ${LEE} about quiet-since-${T0} at ${daysAfter(T0, 14)}`,
        `STALLED_JOURNEY to ${LEE} about quiet-since-${TEN} at ${daysAfter(TEN, 14)}`,
      ].sort(),
    );
    const reflect = rows.find((nudge) => nudge.rule === 'REFLECT')!;
    expect(reflect.organisationId).toBe(tenantId);
    expect(reflect.facts).toEqual({ journeyTitle: 'Reading at home', stepId: 's1', stepTitle: 'Step s1', takenAt: TEN });
    expect(Number(reflect.causedByPosition)).toBeGreaterThan(0);
  });

  // The processor reads only the event types the policy asks the log for: a run of NOs counts from
  // the direction, so a policy that was never handed DirectionSet owed no pivot nudge at all.
  it('owes the leaders "consider a pivot" after NOs in a row against the direction, read from the log', async () => {
    await append([...aTeamWithAJourney(), reflectionRecorded('r1', { closer: 'NO' }, TEN), reflectionRecorded('r2', { closer: 'NO' }, TEN)]);
    await runPolicy();
    expect(errors).toEqual([]);
    const pivots = (await outbox()).filter((nudge) => nudge.startsWith('CONSIDER_PIVOT'));
    expect(pivots).toEqual([expect.stringMatching(new RegExp(`^CONSIDER_PIVOT to ${LEE} about `))]);
  });

  it('records suppressions decided at once: a rule switched off, a member opted out', async () => {
    await append([
      ...aTeamWithAJourney(),
      nudgeSettingsChanged(settingsWith({ SUPPORT_WAITING: { enabled: false }, STALLED_JOURNEY: { enabled: false } })),
      notificationPreferencesChanged(KIM, ['NEXT_STEP']),
      reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN),
      supportRequested('q1', SAM, TEN),
    ]);
    await runPolicy();
    const rows = (await outbox()).filter((line) => !line.startsWith('STALLED_JOURNEY'));
    expect(rows.sort()).toEqual(
      [
        `NEXT_STEP to ${KIM} about r1 at ${daysAfter(TEN, 3)} suppressed OPTED_OUT/OPTED_OUT`,
        `NEXT_STEP to ${LEE} about r1 at ${daysAfter(TEN, 3)}`,
        `NEXT_STEP to ${SAM} about r1 at ${daysAfter(TEN, 3)}`,
        `SUPPORT_WAITING to ${LEE} about q1 at ${daysAfter(TEN, 1)} suppressed RULE_DISABLED/RULE_DISABLED`,
      ].sort(),
    );
  });

  it('replayed from a reset checkpoint, decides the same nudges and the outbox keeps one of each', async () => {
    await append([...aTeamWithAJourney(), stepPlanned('s1'), stepTaken('s1', SAM, TEN), reflectionRecorded('r1', { closer: 'NO', comfort: 1, stepId: 's1' }, TEN)]);
    await runPolicy();
    const first = await loadTenantOutbox(storage.database, tenantId);
    const documents = async () =>
      (await storage.database.query('SELECT kind, document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 ORDER BY kind, document_id', [tenantId])).rows;
    const firstDocuments = await documents();
    expect(first.length).toBeGreaterThan(2);
    await runner!.stop();
    await resetProjections(storage.database, NUDGE_POLICY_PROCESSOR, nudgePolicyProjections({ clock }));
    expect(await documents()).toEqual([]);
    // One event per batch this time: the same decisions however the log is cut.
    await runPolicy({ batchSize: 1 });
    expect(errors).toEqual([]);
    expect(await loadTenantOutbox(storage.database, tenantId)).toEqual(first);
    expect(await documents()).toEqual(firstDocuments);
  });

  it('records what old history would owe as STALE instead of sending it', async () => {
    await append([...aTeamWithAJourney(), stepPlanned('s1'), stepTaken('s1', SAM, TEN)]);
    // Ten days later, a new processor catches up on the log.
    clock.set(daysAfter(TEN, 10));
    await runPolicy();
    expect((await outbox()).sort()).toEqual(
      [
        `REFLECT to ${SAM} about s1 at ${hoursAfter(TEN, 4)} suppressed STALE/STALE`,
        // Still ahead (14 days after the step): owed.
        `STALLED_JOURNEY to ${LEE} about quiet-since-${T0} at ${daysAfter(T0, 14)}`,
        `STALLED_JOURNEY to ${LEE} about quiet-since-${TEN} at ${daysAfter(TEN, 14)}`,
      ].sort(),
    );
  });

  it('owes the reflection on a step recorded days after it was taken from when it was recorded, out of quiet hours', async () => {
    await append([...aTeamWithAJourney(), memberPreferencesUpdated(KIM, 'Pacific/Auckland', { start: '22:00', end: '07:00' }), stepPlanned('s1', KIM)]);
    // Three days on (23:00 in Auckland), Kim records the step as taken at TEN: its reflection was due three days ago.
    clock.set(daysAfter(TEN, 3));
    await append([stepTaken('s1', KIM, TEN)]);
    await runPolicy();
    expect(errors).toEqual([]);
    expect((await outbox()).filter((line) => line.startsWith('REFLECT'))).toEqual([
      // Owed from when it was recorded, then out of Kim's quiet hours: 07:00 NZDT.
      `REFLECT to ${KIM} about s1 at 2026-03-05T18:00:00.000Z`,
    ]);
  });

  it('still records as STALE what a step recorded late owed, when the policy reaches it long after it was recorded', async () => {
    await append([...aTeamWithAJourney(), stepPlanned('s1')]);
    clock.set(daysAfter(TEN, 3));
    await append([stepTaken('s1', SAM, TEN)]);
    // Ten days after that, a new processor catches up on the log.
    clock.set(daysAfter(TEN, 13));
    await runPolicy();
    expect((await outbox()).filter((line) => line.startsWith('REFLECT'))).toEqual([`REFLECT to ${SAM} about s1 at ${daysAfter(TEN, 3)} suppressed STALE/STALE`]);
  });

  it('answers delivery whether a nudge is still owed, from the stored documents', async () => {
    await append([...aTeamWithAJourney(), stepPlanned('s1'), stepTaken('s1', SAM, TEN)]);
    await runPolicy();
    const reflect = (await loadTenantOutbox(storage.database, tenantId)).find((nudge) => nudge.rule === 'REFLECT')!;
    expect(await checkNudgeRelevance(storage.database, reflect, new Date(hoursAfter(TEN, 4)))).toEqual({ relevant: true });
    expect(await loadMemberDocument(storage.database, tenantId, SAM)).toEqual(expect.objectContaining({ timezone: 'Europe/London', quietHours: null, dailyCap: 3 }));
    await append([reflectionRecorded('r1', { closer: 'YES', comfort: 4, stepId: 's1' }, hoursAfter(TEN, 2))]);
    await runner!.caughtUp();
    expect(await checkNudgeRelevance(storage.database, reflect, new Date(hoursAfter(TEN, 4)))).toEqual({
      relevant: false,
      reason: 'NO_LONGER_RELEVANT',
      detail: 'REFLECTION_ARRIVED',
    });
  });

  it('addresses the reflect nudge of a step its owner planned before being removed and added again to their new id, and settles it by their reflection under it', async () => {
    const samAgain = 'mem-sam-2';
    await append([
      ...aTeamWithAJourney(),
      stepPlanned('s1', SAM),
      memberLeft(SAM),
      teamMemberLeft(SAM),
      memberAddedAgain(SAM, samAgain),
      teamMemberJoined(samAgain, 'STAFF'),
      stepTaken('s1', SAM, TEN),
    ]);
    await runPolicy();
    const reflect = (await loadTenantOutbox(storage.database, tenantId)).filter((nudge) => nudge.rule === 'REFLECT');
    expect(reflect.map(row)).toEqual([`REFLECT to ${samAgain} about s1 at ${hoursAfter(TEN, 4)}`]);
    // Her reflection alone in its batch: the step's owner (an id no longer on the roster) is loaded for it.
    await append([reflectionRecorded('r1', { closer: 'YES', comfort: 4, memberId: samAgain, stepId: 's1' }, hoursAfter(TEN, 2))]);
    await runner!.caughtUp();
    expect(errors).toEqual([]);
    expect(await checkNudgeRelevance(storage.database, reflect[0], new Date(hoursAfter(TEN, 4)))).toEqual({
      relevant: false,
      reason: 'NO_LONGER_RELEVANT',
      detail: 'REFLECTION_ARRIVED',
    });
  });

  it('keeps a leader’s support nudges about someone removed and added again before they come due owed, reading their person from the stored documents', async () => {
    const samAgain = 'mem-sam-2';
    await append([...aTeamWithAJourney(), supportRequested('q1', SAM, TEN), reflectionRecorded('r1', { memberId: SAM, closer: 'NO', comfort: 1 }, TEN)]);
    await runPolicy();
    const support = (await loadTenantOutbox(storage.database, tenantId)).filter((nudge) => nudge.rule === 'SUPPORT_WAITING' || nudge.rule === 'SUPPORT_LOW_COMFORT');
    expect(support.map(row).sort()).toEqual([`SUPPORT_LOW_COMFORT to ${LEE} about r1 at ${TEN}`, `SUPPORT_WAITING to ${LEE} about q1 at ${daysAfter(TEN, 1)}`]);
    const relevance = async () => Promise.all(support.map((nudge) => checkNudgeRelevance(storage.database, nudge, new Date(daysAfter(TEN, 1)))));
    await append([memberLeft(SAM, hoursAfter(TEN, 1)), teamMemberLeft(SAM, hoursAfter(TEN, 1))]);
    await runner!.caughtUp();
    expect(await relevance()).toEqual([0, 1].map(() => ({ relevant: false, reason: 'NO_LONGER_RELEVANT', detail: 'SUBJECT_MEMBER_LEFT' })));
    await append([memberAddedAgain(SAM, samAgain, hoursAfter(TEN, 1)), teamMemberJoined(samAgain, 'STAFF', undefined, hoursAfter(TEN, 1))]);
    await runner!.caughtUp();
    expect(errors).toEqual([]);
    expect(await relevance()).toEqual([{ relevant: true }, { relevant: true }]);
    // As the delivery processor asks it, through the loader that gathers the reads of deliveries attempted together.
    const delivery = policyNudgeRelevance(storage.database);
    expect(await Promise.all(support.map((nudge) => delivery.check(nudge, new Date(daysAfter(TEN, 1)))))).toEqual([{ relevant: true }, { relevant: true }]);
  });

  it('owes a member made LEADER, each in a batch of its own, the open support request and the quiet stretch its leaders are owed', async () => {
    await append([...aTeamWithAJourney(), supportRequested('q1', SAM, TEN)]);
    await runPolicy();
    // Apart from what made them owed: the processor loads only what the role change names.
    await runner!.stop();
    await append([teamMemberRoleChanged(KIM, 'STAFF', 'LEADER', hoursAfter(TEN, 2))]);
    await runPolicy();
    expect(errors).toEqual([]);
    const kims = (await loadTenantOutbox(storage.database, tenantId)).filter((nudge) => nudge.recipientId === KIM && nudge.rule !== 'VISION_REVISED');
    expect(kims.map(row).sort()).toEqual([`STALLED_JOURNEY to ${KIM} about quiet-since-${T0} at ${daysAfter(T0, 14)}`, `SUPPORT_WAITING to ${KIM} about q1 at ${daysAfter(TEN, 1)}`]);
  });

  it('the digest tick owes one digest per leader per week, however often it ticks', async () => {
    // A database of its own: the tick writes for every organisation, and the other tests' would be counted.
    storage = await openOwnStorage();
    await append([...aTeamWithAJourney(), reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN), reflectionRecorded('r2', { closer: 'NO', comfort: 2 }, TEN)]);
    await runPolicy();
    const monday = '2026-03-09T09:00:00.000Z';
    expect(await runDigestTick(storage.database, new Date(hoursAfter(monday, -1)))).toEqual({ written: 0 });
    expect(await runDigestTick(storage.database, new Date(monday))).toEqual({ written: 1 });
    expect(await runDigestTick(storage.database, new Date(hoursAfter(monday, 2)))).toEqual({ written: 0 });
    const digests = (await loadTenantOutbox(storage.database, tenantId)).filter((nudge) => nudge.rule === 'WEEKLY_DIGEST');
    expect(digests.map(row)).toEqual([`WEEKLY_DIGEST to ${LEE} about week-2026-03-09 at ${monday}`]);
    expect(digests[0].facts).toEqual(expect.objectContaining({ week: '2026-03-09', yes: 1, no: 1, closerRate: 0.5, comfortMean: 3, journeys: 1 }));
  });

  it('applies a reflection in one transaction of four round trips: BEGIN with the tenant, one load, one write with the checkpoint, COMMIT', async () => {
    if (engine !== 'postgres') return; // counted where node-postgres sends them
    await append(aTeamWithAJourney());
    await runPolicy();
    const recorder = recordTransactions();
    try {
      await append([reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN)]);
      await runner!.caughtUp();
      const policy = recorder.transactions.filter((statements) => statements.some(({ values }) => values.includes(NUDGE_POLICY_PROCESSOR)));
      expect(policy).toHaveLength(1);
      const [begin, load, write, commit] = policy[0];
      expect(policy[0]).toHaveLength(4);
      // The owner's transaction (the nudge tables are not the tenant role's), with the tenant set.
      expect(begin.text).toBe(`BEGIN; SELECT set_config('stepwise.tenant_id', '${tenantId}', true)`);
      // The journey, team and settings, and the members on the team's roster, read together.
      expect(load.text).toMatch(/^WITH wanted AS .* FROM nudges\.policy_documents .*jsonb_object_keys/);
      expect(write.text).toMatch(/^WITH w0 AS \(INSERT INTO nudges\.policy_documents .*INSERT INTO nudges\.outbox .*UPDATE es_checkpoints/);
      expect(commit.text).toBe('COMMIT');
    } finally {
      recorder.stop();
    }
    expect(errors).toEqual([]);
    expect((await outbox()).filter((line) => line.startsWith('NEXT_STEP')).sort()).toEqual(
      [`NEXT_STEP to ${KIM} about r1 at ${daysAfter(TEN, 3)}`, `NEXT_STEP to ${LEE} about r1 at ${daysAfter(TEN, 3)}`, `NEXT_STEP to ${SAM} about r1 at ${daysAfter(TEN, 3)}`].sort(),
    );
  });

  it('keeps the nudge tables from the tenant role', async () => {
    await append(aTeamWithAJourney());
    await runPolicy();
    for (const table of ['nudges.outbox', 'nudges.policy_documents']) {
      await expect(
        storage.database.transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE stepwise_app');
          await tx.query(`SELECT 1 FROM ${table} LIMIT 1`);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });
});
