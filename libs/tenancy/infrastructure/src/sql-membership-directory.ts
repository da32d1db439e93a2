import type { TenantReader } from '@stepwise/projections';
import type { MembershipDirectory, OrganisationMembership } from '@stepwise/tenancy-application';

interface MemberRow {
  member_id: string;
  org_role: 'ADMIN' | 'MEMBER';
  display_name: string;
}

/** Membership lookups for the edge, from the org_members read table (RLS-scoped to the organisation asked about). */
export class SqlMembershipDirectory implements MembershipDirectory {
  constructor(private readonly reader: TenantReader) {}

  findBySubject(organisationId: string, subject: string): Promise<OrganisationMembership | undefined> {
    return this.reader.read(organisationId, async (tx) => {
      const { rows } = await tx.query<MemberRow>(
        `SELECT member_id, org_role, display_name FROM org_members WHERE tenant_id = $1 AND subject = $2 AND active`,
        [organisationId, subject],
      );
      const row = rows[0];
      return row && { organisationId, memberId: row.member_id, orgRole: row.org_role, displayName: row.display_name };
    });
  }
}
