import type { SqlExecutor } from '@stepwise/database';
import type { MembershipDirectory, OrganisationMembership } from '@stepwise/tenancy-application/read';

interface MembershipRow {
  member_id: string;
  org_role: 'ADMIN' | 'MEMBER';
  display_name: string;
}

/**
 * Membership checks for the edge, from the subject directory: one statement per request, keyed by
 * the verified subject and the organisation asked about (so another organisation's id finds nothing).
 */
export class SqlMembershipDirectory implements MembershipDirectory {
  constructor(private readonly database: SqlExecutor) {}

  async findBySubject(organisationId: string, subject: string): Promise<OrganisationMembership | undefined> {
    const { rows } = await this.database.query<MembershipRow>(
      `SELECT member_id, org_role, display_name FROM subject_memberships WHERE subject = $1 AND tenant_id = $2`,
      [subject, organisationId],
    );
    const row = rows[0];
    return row && { organisationId, memberId: row.member_id, orgRole: row.org_role, displayName: row.display_name };
  }
}
