/**
 * A member as a person: every member id their sign-in subject has had in the organisation. Someone
 * removed and added again gets a new member id, and the steps and commitments they owned under the
 * old one are still theirs (the journey's rules let them act on them), so their own work lists read
 * them under any of their ids. org_members keeps the rows of members who left (inactive), with their
 * subject; the member's own id counts whatever the directory holds.
 *
 * An SQL array expression over the tenant ($1) and the member ($2), read within the same statement.
 */
export const PERSON_MEMBER_IDS = `ARRAY(SELECT $2::text UNION SELECT same.member_id FROM org_members me
  JOIN org_members same ON same.tenant_id = me.tenant_id AND same.subject = me.subject
  WHERE me.tenant_id = $1 AND me.member_id = $2)`;
