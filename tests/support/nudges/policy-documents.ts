/**
 * The setting of the nudge policy's migration specs: one database per engine for the describe
 * block, each test in an organisation of its own (it appends and reads back only that tenant's
 * events and documents, and a migration writes each document from its own tenant's events). A new
 * policy runner goes on from the checkpoint the last one left.
 */
import { FixedClock } from '@stepwise/kernel';
import type { PolicyEvent } from '@stepwise/nudges-domain';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { randomUUID } from 'node:crypto';
import { openTestStorage, type TestEngine } from '../test-storage';
import { appendPolicyEvents, runNudgePolicyToTheEnd } from './policy-log';

export type PolicyDocumentKind = 'team' | 'member' | 'journey';

export interface PolicyDocumentsFixture {
  readonly storage: Storage;
  readonly tenantId: string;
  /** The events, each to its stream, in this test's organisation. */
  append(events: readonly PolicyEvent[]): Promise<void>;
  /** Runs the policy to the end of the log as of `at`, and expects it to meet no error. */
  runPolicyToTheEnd(at: string): Promise<void>;
  /** This test's documents of one kind, by document id; `field` picks one field of each. */
  documents(kind: PolicyDocumentKind, field?: string): Promise<Record<string, unknown>>;
  /** Runs SQL with this test's tenant id as `$1`. */
  sql(text: string): Promise<void>;
}

/** Registers the block's hooks; read the fixture's fields inside tests only. */
export const policyDocumentsPerTest = (engine: TestEngine): PolicyDocumentsFixture => {
  let storage: Storage | undefined;
  let tenantId = '';
  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema, { poolSize: 4 });
  });
  afterAll(async () => {
    await storage?.close();
  });
  beforeEach(() => {
    tenantId = `org-${randomUUID()}`;
  });
  const opened = (): Storage => {
    if (!storage) throw new Error('the policy documents fixture is read outside a test');
    return storage;
  };
  return {
    get storage() {
      return opened();
    },
    get tenantId() {
      return tenantId;
    },
    append: (events) => appendPolicyEvents(opened().eventStore, tenantId, events),
    runPolicyToTheEnd: async (at) => {
      expect(await runNudgePolicyToTheEnd(opened(), new FixedClock(at))).toEqual([]);
    },
    documents: async (kind, field) => {
      const { rows } = await opened().database.query<{ document_id: string; document: Record<string, unknown> }>(
        `SELECT document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = $2 ORDER BY document_id`,
        [tenantId, kind],
      );
      return Object.fromEntries(rows.map((row) => [row.document_id, field ? row.document[field] : row.document]));
    },
    sql: async (text) => {
      await opened().database.query(text, [tenantId]);
    },
  };
};
