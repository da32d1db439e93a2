/**
 * The nudge policy as a projection of the global log: for each batch of one tenant's events it
 * loads the documents they touch, folds the events through the pure policy, stores the documents
 * that changed and writes what is owed (or suppressed) to the outbox, all in the runner's
 * transaction, with the runner's checkpoint. A crash replays the batch: documents are rewritten
 * to the same values and the outbox drops the duplicates by their dedupe keys.
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
  stateFromDocuments,
  type PolicyDecision,
  type PolicyDocument,
  type PolicyEvent,
  type PolicyState,
} from '@stepwise/nudges-domain';
import type { Projection } from '@stepwise/projections';
import { asOwner } from './owner-role';
import { DEFAULT_STALENESS_MS, withStaleness, writeDecisions } from './outbox.writer';
import { loadDocuments, saveDocuments, type StoredDocument } from './policy-documents.store';

export const POLICY_DOCUMENTS_TABLE = 'nudges.policy_documents';

export interface NudgePolicyOptions {
  /** Judges staleness: a nudge due longer than `stalenessMs` before now is recorded STALE, not owed. */
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
      await this.load(missing.map((key) => ({ kind: key.kind, id: key.id })));
    }
  }

  async load(keys: Parameters<typeof loadDocuments>[2]): Promise<void> {
    const fresh = keys.filter((key) => !this.asked.has(documentKeyName(key)));
    if (fresh.length === 0) return;
    for (const key of fresh) this.asked.add(documentKeyName(key));
    const found = await loadDocuments(this.tx, this.tenantId, fresh);
    for (const { key, document } of found) this.asLoaded.set(documentKeyName(key), document);
    // Loaded documents join the state; those the batch already changed stay as changed.
    const present = new Set(documentsOf(this.state).map(({ key }) => documentKeyName(key)));
    this.state = stateFromDocuments([...documentsOf(this.state), ...found.filter(({ key }) => !present.has(documentKeyName(key)))]);
  }

  /** The documents the batch created or changed. */
  changed(): StoredDocument[] {
    return documentsOf(this.state).filter(({ key, document }) => this.asLoaded.get(documentKeyName(key)) !== document);
  }
}

const applyTenantEvents = async (tx: SqlExecutor, events: readonly RecordedEvent[], options: NudgePolicyOptions): Promise<void> => {
  const tenantId = events[0].tenantId;
  const decoded = events.map((recorded) => ({ recorded, event: decodeEvent(policyEventSchemaVersions, recorded) }));
  const documents = new BatchDocuments(tx, tenantId);
  // What every event names before anything is folded: one statement for most of the batch.
  await documents.load(decoded.flatMap(({ event }) => requiredDocuments(event, emptyPolicyState())));
  const decisions: PolicyDecision[] = [];
  for (const { recorded, event } of decoded) {
    await documents.prepare(event);
    const reacted = reactToEvent(documents.current, { event, organisationId: tenantId, position: String(recorded.globalPosition) });
    documents.current = reacted.state;
    decisions.push(...reacted.decisions);
  }
  await saveDocuments(tx, tenantId, documents.changed(), events[events.length - 1].globalPosition);
  await writeDecisions(tx, withStaleness(decisions, options.clock.now(), options.stalenessMs ?? DEFAULT_STALENESS_MS));
};

/** The policy's projection: batched per tenant; one event at a time is the same with a batch of one. */
export const nudgePolicyProjection = (options: NudgePolicyOptions): Projection => ({
  name: 'nudge-policy',
  eventTypes: policyEventTypes,
  // A rebuild forgets the policy's state, never the outbox: replayed nudges meet their dedupe keys.
  tables: [POLICY_DOCUMENTS_TABLE],
  apply: (tx, event) => asOwner(tx, () => applyTenantEvents(tx, [event], options)),
  applyBatch: (tx, events) => asOwner(tx, () => applyTenantEvents(tx, events, options)),
});
