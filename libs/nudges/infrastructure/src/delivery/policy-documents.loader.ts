/**
 * Delivery's reads of the nudge policy's documents, gathered: the reachability and relevance checks
 * of the deliveries attempted at one moment each ask for a few documents, mostly the same ones (the
 * organisation's settings, a recipient), so one statement per tenant answers them all. The owner's
 * connection only, outside any transaction (see the 0410 migration).
 */
import { BatchedCalls } from '@stepwise/kernel';
import type { SqlDatabase } from '@stepwise/database';
import { documentKeyName, type DocumentKey, type DocumentKind, type PolicyDocument } from '@stepwise/nudges-domain';
import type { StoredDocument } from '../policy/policy-documents.store';

// One lookup by the whole primary key per document asked for, however many the tenant holds (a
// generic plan would otherwise read the tenant's documents and filter them).
const READ = `
SELECT d.kind, d.document_id, d.document FROM unnest($2::text[], $3::text[]) AS k(kind, document_id)
CROSS JOIN LATERAL (
  SELECT p.kind, p.document_id, p.document FROM nudges.policy_documents p
  WHERE p.tenant_id = $1 AND p.kind = k.kind AND p.document_id = k.document_id LIMIT 1) AS d`;

interface DocumentsCall {
  readonly tenantId: string;
  readonly keys: readonly DocumentKey[];
}

export class PolicyDocumentsLoader {
  private readonly reads = new BatchedCalls<DocumentsCall, StoredDocument[]>(
    async (calls) => {
      const keys = [...new Map(calls.flatMap((call) => call.keys).map((key) => [documentKeyName(key), key])).values()];
      const { rows } = await this.database.query<{ kind: DocumentKind; document_id: string; document: PolicyDocument }>(READ, [
        calls[0].tenantId,
        keys.map((key) => key.kind),
        keys.map((key) => key.id),
      ]);
      const found = new Map(rows.map((row) => [documentKeyName({ kind: row.kind, id: row.document_id }), { key: { kind: row.kind, id: row.document_id }, document: row.document }]));
      return calls.map((call) => call.keys.flatMap((key) => found.get(documentKeyName(key)) ?? []));
    },
    { maxBatch: 200, groupOf: (call) => call.tenantId },
  );

  constructor(private readonly database: SqlDatabase) {}

  /** The documents of `keys` the tenant holds (an absent one is left out). */
  load(tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> {
    return this.reads.call({ tenantId, keys });
  }
}

const loaders = new WeakMap<SqlDatabase, PolicyDocumentsLoader>();

/** One loader per database, so every check against it shares the same gathering. */
export const policyDocumentsLoaderFor = (database: SqlDatabase): PolicyDocumentsLoader => {
  let loader = loaders.get(database);
  if (!loader) loaders.set(database, (loader = new PolicyDocumentsLoader(database)));
  return loader;
};
