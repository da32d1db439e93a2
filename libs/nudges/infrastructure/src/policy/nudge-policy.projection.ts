/**
 * The nudge policy as a projection of the global log: for each batch of one tenant's events it
 * loads the documents they touch (one statement: the rosters' members with their teams), folds the
 * events through the pure policy, and writes the documents that changed and what is owed (or
 * suppressed) to the outbox in one statement, with the runner's checkpoint when it is the batch's
 * last work, all in the runner's transaction, which stays the owner's (see the 0410 migration). A
 * crash replays the batch: documents are rewritten to the same values and the outbox drops the
 * duplicates by their dedupe keys.
 */
import type { SqlExecutor } from '@stepwise/database';
import { decodeEvent, type RecordedEvent } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import {
  documentKeyName,
  documentsOf,
  emptyPolicyState,
  policyEventSchemaVersions,
  policyEventTypes,
  reactToEvent,
  requiredDocuments,
  rostersRequired,
  stateFromDocuments,
  type DocumentKey,
  type PolicyDecision,
  type PolicyDocument,
  type PolicyEvent,
  type PolicyState,
} from '@stepwise/nudges-domain';
import { writeTables, type Projection, type StatementTail } from '@stepwise/projections';
import { DEFAULT_STALENESS_MS, OUTBOX_SHAPE, outboxRows, withStaleness } from './outbox.writer';
import { documentRows, loadDocumentsWithRosters, POLICY_DOCUMENTS_SHAPE, POLICY_DOCUMENTS_TABLE, type StoredDocument } from './policy-documents.store';

export { POLICY_DOCUMENTS_TABLE } from './policy-documents.store';

export interface NudgePolicyOptions {
  /**
   * Judges staleness: a nudge due longer than `stalenessMs` before now is recorded STALE, not owed.
   * No nudge is due before its event was recorded, so only a log caught up on late has any.
   */
  readonly clock: Clock;
  readonly stalenessMs?: number;
}

/** How many rounds of "load what the event names" an event may need (journey, then roster, then members). */
const MAX_LOAD_ROUNDS = 4;

/** One tenant's documents for one batch: loaded once each, remembered when absent too. */
class BatchDocuments {
  private state: PolicyState = emptyPolicyState();
  private readonly asLoaded = new Map<string, PolicyDocument>();
  private readonly asked = new Set<string>();
  private readonly rostersAsked = new Set<string>();

  constructor(
    private readonly tx: SqlExecutor,
    private readonly tenantId: string,
  ) {}

  get current(): PolicyState {
    return this.state;
  }

  set current(state: PolicyState) {
    this.state = state;
  }

  /** Loads whatever `event` needs that was not asked for yet, until it names nothing new. */
  async prepare(event: PolicyEvent): Promise<void> {
    for (let round = 0; round < MAX_LOAD_ROUNDS; round += 1) {
      const missing = requiredDocuments(event, this.state).filter((key) => !this.asked.has(documentKeyName(key)));
      if (missing.length === 0) return;
      await this.load(missing, []);
    }
  }

  /** Loads the documents of `keys` not asked for yet, and the member documents of the stored rosters of `rosters`. */
  async load(keys: readonly DocumentKey[], rosters: readonly string[]): Promise<void> {
    const fresh = keys.filter((key) => !this.asked.has(documentKeyName(key)));
    const freshRosters = rosters.filter((teamId) => !this.rostersAsked.has(teamId));
    if (fresh.length === 0 && freshRosters.length === 0) return;
    for (const teamId of freshRosters) this.rostersAsked.add(teamId);
    const { asked, found } = await loadDocumentsWithRosters(this.tx, this.tenantId, fresh, freshRosters);
    for (const key of asked) this.asked.add(documentKeyName(key));
    // What the state has already (loaded, or changed by the batch) stays; the rest joins it.
    const present = new Set(documentsOf(this.state).map(({ key }) => documentKeyName(key)));
    const joining = found.filter(({ key }) => !present.has(documentKeyName(key)));
    for (const { key, document } of joining) this.asLoaded.set(documentKeyName(key), document);
    this.state = stateFromDocuments([...documentsOf(this.state), ...joining]);
  }

  /** The documents the batch created or changed. */
  changed(): StoredDocument[] {
    return documentsOf(this.state).filter(({ key, document }) => this.asLoaded.get(documentKeyName(key)) !== document);
  }
}

/**
 * One tenant's events: one statement loads what they name, one writes the documents that changed,
 * the outbox rows and `tail` (the runner's checkpoint) when given; its answer is returned.
 */
const applyTenantEvents = async (
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
  options: NudgePolicyOptions,
  tail?: StatementTail,
): Promise<Record<string, unknown> | undefined> => {
  const tenantId = events[0].tenantId;
  const decoded = events.map((recorded) => ({ recorded, event: decodeEvent(policyEventSchemaVersions, recorded) }));
  const documents = new BatchDocuments(tx, tenantId);
  // What every event names before anything is folded, rosters' members included: one statement for most batches.
  await documents.load(
    decoded.flatMap(({ event }) => requiredDocuments(event, emptyPolicyState())),
    decoded.flatMap(({ event }) => rostersRequired(event)),
  );
  const decisions: PolicyDecision[] = [];
  for (const { recorded, event } of decoded) {
    await documents.prepare(event);
    const reacted = reactToEvent(documents.current, {
      event,
      organisationId: tenantId,
      position: String(recorded.globalPosition),
      recordedAt: recorded.recordedAt.toISOString(),
    });
    documents.current = reacted.state;
    decisions.push(...reacted.decisions);
  }
  const { answer } = await writeTables(
    tx,
    [
      { shape: POLICY_DOCUMENTS_SHAPE, changes: { upserts: documentRows(tenantId, documents.changed(), events[events.length - 1].globalPosition) } },
      { shape: OUTBOX_SHAPE, changes: { inserts: outboxRows(withStaleness(decisions, options.clock.now(), options.stalenessMs ?? DEFAULT_STALENESS_MS)) } },
    ],
    tail,
  );
  return answer;
};

/**
 * The policy's projection: batched per tenant; one event at a time is the same with a batch of one.
 * Its tables are the owner's (not the tenant role's): the runner keeps its transaction the owner's.
 */
export const nudgePolicyProjection = (options: NudgePolicyOptions): Projection => ({
  name: 'nudge-policy',
  eventTypes: policyEventTypes,
  // A rebuild forgets the policy's state, never the outbox: replayed nudges meet their dedupe keys.
  tables: [POLICY_DOCUMENTS_TABLE],
  runsAs: 'owner',
  apply: async (tx, event) => void (await applyTenantEvents(tx, [event], options)),
  applyBatch: (tx, events, tail) => applyTenantEvents(tx, events, options, tail),
});
