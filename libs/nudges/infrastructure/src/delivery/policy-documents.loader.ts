/**
 * Delivery's reads of the nudge policy's documents, gathered: the reachability and relevance checks
 * of the deliveries attempted at one moment each ask for a few documents, mostly the same ones (the
 * organisation's settings, a recipient), so one statement per tenant answers them all. The owner's
 * connection only, outside any transaction (see the 0410 migration).
 */
import type { SqlDatabase } from '@stepwise/database';
import { documentKeyName, type DocumentKey } from '@stepwise/nudges-domain';
import { loadDocuments, type StoredDocument } from '../policy/policy-documents.store';
import { BatchedCalls } from './batched-calls';

interface DocumentsCall {
  readonly tenantId: string;
  readonly keys: readonly DocumentKey[];
}

export class PolicyDocumentsLoader {
  private readonly reads = new BatchedCalls<DocumentsCall, StoredDocument[]>(
    async (calls) => {
      const found = new Map((await loadDocuments(this.database, calls[0].tenantId, calls.flatMap((call) => call.keys))).map((stored) => [documentKeyName(stored.key), stored]));
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
