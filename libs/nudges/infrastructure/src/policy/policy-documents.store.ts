/**
 * Loads and stores the policy's documents (nudges.policy_documents), a few per statement. The
 * owner's connection only: see the 0410 migration.
 */
import type { SqlExecutor } from '@stepwise/database';
import { documentKeyName, type DocumentKey, type DocumentKind, type PolicyDocument } from '@stepwise/nudges-domain';

export interface StoredDocument {
  readonly key: DocumentKey;
  readonly document: PolicyDocument;
}

/** Where documents are read from: a connection (or transaction), or a reader that gathers reads made together. */
export type DocumentSource = SqlExecutor | { load(tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> };

export const readDocuments = (source: DocumentSource, tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> =>
  'load' in source ? source.load(tenantId, keys) : loadDocuments(source, tenantId, keys);

export const loadDocuments = async (executor: SqlExecutor, tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> => {
  const unique = [...new Map(keys.map((key) => [documentKeyName(key), key])).values()];
  if (unique.length === 0) return [];
  const { rows } = await executor.query<{ kind: DocumentKind; document_id: string; document: PolicyDocument }>(
    `SELECT kind, document_id, document FROM nudges.policy_documents
      WHERE tenant_id = $1 AND (kind, document_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [tenantId, unique.map((key) => key.kind), unique.map((key) => key.id)],
  );
  return rows.map((row) => ({ key: { kind: row.kind, id: row.document_id }, document: row.document }));
};

/** Every document of one kind in a tenant (the digest tick's teams). */
export const loadDocumentsOfKind = async (executor: SqlExecutor, tenantId: string, kind: DocumentKind): Promise<StoredDocument[]> => {
  const { rows } = await executor.query<{ document_id: string; document: PolicyDocument }>(
    'SELECT document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = $2',
    [tenantId, kind],
  );
  return rows.map((row) => ({ key: { kind, id: row.document_id }, document: row.document }));
};

export const saveDocuments = async (executor: SqlExecutor, tenantId: string, documents: readonly StoredDocument[], position: number): Promise<void> => {
  if (documents.length === 0) return;
  await executor.query(
    `INSERT INTO nudges.policy_documents (tenant_id, kind, document_id, document, position)
     SELECT $1, x.kind, x.document_id, x.document, $3 FROM jsonb_to_recordset($2::jsonb) AS x(kind text, document_id text, document jsonb)
     ON CONFLICT (tenant_id, kind, document_id) DO UPDATE SET document = EXCLUDED.document, position = EXCLUDED.position`,
    [tenantId, JSON.stringify(documents.map(({ key, document }) => ({ kind: key.kind, document_id: key.id, document }))), position],
  );
};
