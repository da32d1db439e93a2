import type { Migration } from '@stepwise/database';

/**
 * Member documents stored before the policy kept each member's sign-in subject hold none, so the
 * policy could not tell that someone removed and added again is the person who owns a step under
 * their old id (person.identity.ts). This fills it in from the member's MemberJoined event. A
 * member id joins once and its subject never changes, so events past the policy's checkpoint give
 * the value the policy will write itself. Documents that hold it already, and members whose events
 * are not in this database's log (another event store), are left as they are.
 */
const backfillSql = `
UPDATE nudges.policy_documents d
SET document = d.document || jsonb_build_object('subject', e.data ->> 'subject')
FROM es_events e
WHERE d.kind = 'member'
  AND d.document -> 'subject' IS NULL
  AND e.event_type = 'MemberJoined'
  AND e.tenant_id = d.tenant_id
  AND e.data ->> 'memberId' = d.document_id
  AND e.data ->> 'subject' IS NOT NULL;
`;

export const memberSubjectsBackfillMigration: Migration = { name: '0434_nudge_member_subjects', sql: backfillSql };
