/**
 * Loads and stores the policy's documents (nudges.policy_documents), a few per statement. The
 * owner's connection only: see the 0410 migration.
 */
import type { SqlExecutor } from '@stepwise/database';
import { documentKeyName, TEAM_ROSTER_FIELD, type DocumentKey, type DocumentKind, type PolicyDocument } from '@stepwise/nudges-domain';
import type { TableShape } from '@stepwise/projections';

export interface StoredDocument {
  readonly key: DocumentKey;
  readonly document: PolicyDocument;
}

export const POLICY_DOCUMENTS_TABLE = 'nudges.policy_documents';

interface DocumentRow {
  readonly tenant_id: string;
  readonly kind: DocumentKind;
  readonly document_id: string;
  readonly document: PolicyDocument;
  /** The global position of the last event that changed the document (0 for a clock tick). */
  readonly position: number;
}

/** The table as the policy writes it (with its checkpoint, in one statement: see writeTables). */
export const POLICY_DOCUMENTS_SHAPE: TableShape<DocumentRow, 'tenant_id' | 'kind' | 'document_id'> = {
  name: POLICY_DOCUMENTS_TABLE,
  key: ['tenant_id', 'kind', 'document_id'],
  columns: { tenant_id: 'text', kind: 'text', document_id: 'text', document: 'jsonb', position: 'bigint' },
};

/** Documents as rows of POLICY_DOCUMENTS_SHAPE, each stamped with `position`. */
export const documentRows = (tenantId: string, documents: readonly StoredDocument[], position: number): DocumentRow[] =>
  documents.map(({ key, document }) => ({ tenant_id: tenantId, kind: key.kind, document_id: key.id, document, position }));

/** Where documents are read from: a connection (or transaction), or a reader that gathers reads made together. */
export type DocumentSource = SqlExecutor | { load(tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> };

export const readDocuments = (source: DocumentSource, tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> =>
  'load' in source ? source.load(tenantId, keys) : loadDocuments(source, tenantId, keys);

export interface LoadedDocuments {
  /** Every key the read asked for, found or not (the rosters' members included). */
  readonly asked: DocumentKey[];
  readonly found: StoredDocument[];
}

/**
 * The documents of `keys`, and with them, in the same statement, the member documents of the
 * stored rosters of `rosters` (team ids): what an event that may reach a whole team needs, read at
 * once rather than the team first and its members after.
 */
export const loadDocumentsWithRosters = async (executor: SqlExecutor, tenantId: string, keys: readonly DocumentKey[], rosters: readonly string[]): Promise<LoadedDocuments> => {
  const unique = [...new Map(keys.map((key) => [documentKeyName(key), key])).values()];
  const teams = [...new Set(rosters)];
  if (unique.length === 0 && teams.length === 0) return { asked: [], found: [] };
  const { rows } = await executor.query<{ kind: DocumentKind; document_id: string; document: PolicyDocument | null }>(
    `WITH wanted AS (
       SELECT kind, document_id FROM unnest($2::text[], $3::text[]) AS k(kind, document_id)
       UNION
       SELECT 'member', m.member_id FROM nudges.policy_documents t CROSS JOIN LATERAL jsonb_object_keys(t.document -> '${TEAM_ROSTER_FIELD}') AS m(member_id)
        WHERE t.tenant_id = $1 AND t.kind = 'team' AND t.document_id = ANY($4::text[]))
     SELECT w.kind, w.document_id, d.document FROM wanted w
       LEFT JOIN nudges.policy_documents d ON d.tenant_id = $1 AND d.kind = w.kind AND d.document_id = w.document_id`,
    [tenantId, unique.map((key) => key.kind), unique.map((key) => key.id), teams],
  );
  return {
    asked: rows.map((row) => ({ kind: row.kind, id: row.document_id })),
    found: rows.flatMap((row) => (row.document === null ? [] : [{ key: { kind: row.kind, id: row.document_id }, document: row.document }])),
  };
};

export const loadDocuments = async (executor: SqlExecutor, tenantId: string, keys: readonly DocumentKey[]): Promise<StoredDocument[]> =>
  (await loadDocumentsWithRosters(executor, tenantId, keys, [])).found;

/** Every document of one kind in a tenant (the digest tick's teams). */
export const loadDocumentsOfKind = async (executor: SqlExecutor, tenantId: string, kind: DocumentKind): Promise<StoredDocument[]> => {
  const { rows } = await executor.query<{ document_id: string; document: PolicyDocument }>(
    'SELECT document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = $2',
    [tenantId, kind],
  );
  return rows.map((row) => ({ key: { kind, id: row.document_id }, document: row.document }));
};
