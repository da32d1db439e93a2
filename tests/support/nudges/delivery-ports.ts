/**
 * Delivery ports for tests that run the delivery path on its own: a webhook sender that may reach
 * the test's local receivers (the production one refuses loopback addresses), a relevance check that
 * keeps every nudge (for specs whose nudges were not owed by the policy), and member documents
 * written as the policy writes them (for specs that use the policy's own check).
 */
import { WebhookSender, type OutboundConnections } from '@stepwise/integrations';
import type { SqlExecutor } from '@stepwise/database';
import type { NudgeRelevance } from '@stepwise/nudges-infrastructure';
import type { DocumentKey, PolicyDocument } from '@stepwise/nudges-domain';

/** With `connections`, sockets are kept open per receiver between sends, as the worker keeps them. */
export const localWebhookSender = (timeoutMs = 2_000, connections?: OutboundConnections): WebhookSender =>
  new WebhookSender({ http: { timeoutMs, allowPrivateAddresses: true, ...(connections && { connections }) } });

export const everyNudgeRelevant: NudgeRelevance = { check: async () => ({ relevant: true }) };

export interface PolicyMemberSeed {
  readonly memberId: string;
  readonly timezone?: string;
  readonly dailyCap?: number;
  readonly optedOut?: readonly string[];
  readonly inOrganisation?: boolean;
}

const upsertDocuments = async (executor: SqlExecutor, tenantId: string, documents: readonly { kind: string; document_id: string; document: unknown }[]): Promise<void> => {
  await executor.query(
    `INSERT INTO nudges.policy_documents (tenant_id, kind, document_id, document, position)
     SELECT $1, x.kind, x.document_id, x.document, 0 FROM jsonb_to_recordset($2::jsonb) AS x(kind text, document_id text, document jsonb)
     ON CONFLICT (tenant_id, kind, document_id) DO UPDATE SET document = EXCLUDED.document`,
    [tenantId, JSON.stringify(documents)],
  );
};

/** The policy's documents as its processor would have stored them (say, `documentsOf` a state the pure policy folded). */
export const seedPolicyDocuments = (executor: SqlExecutor, tenantId: string, documents: readonly { key: DocumentKey; document: PolicyDocument }[]): Promise<void> =>
  upsertDocuments(
    executor,
    tenantId,
    documents.map(({ key, document }) => ({ kind: key.kind, document_id: key.id, document })),
  );

/** Member documents in the policy's store, as its processor would have written them from MemberJoined. */
export const seedPolicyMembers = async (executor: SqlExecutor, tenantId: string, members: readonly PolicyMemberSeed[]): Promise<void> => {
  const documents = members.map((member) => ({
    kind: 'member',
    document_id: member.memberId,
    document: {
      memberId: member.memberId,
      inOrganisation: member.inOrganisation ?? true,
      timezone: member.timezone ?? 'UTC',
      quietHours: null,
      optedOut: member.optedOut ?? [],
      dailyCap: member.dailyCap ?? 50,
    },
  }));
  await upsertDocuments(executor, tenantId, documents);
};
