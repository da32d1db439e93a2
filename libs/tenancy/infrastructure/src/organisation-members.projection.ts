import { organisationEventSchemaVersions, type OrganisationEvent } from '@stepwise/tenancy-domain';
import { defineProjection } from '@stepwise/projections';
import { notifyMembershipsChangedSql } from './memberships.channel';

/** Organisations and their members, plus the subject → organisation directory. */
export const organisationMembersProjection = defineProjection<OrganisationEvent>({
  name: 'organisation-members',
  tables: ['organisations', 'org_members', 'subject_memberships'],
  events: organisationEventSchemaVersions,
  handlers: {
    async OrganisationCreated(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(
        `INSERT INTO organisations (tenant_id, name, slug, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO NOTHING`,
        [tenantId, event.data.name, event.data.slug, event.data.createdBy, event.data.at],
      );
    },
    async MemberJoined(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(
        `INSERT INTO org_members (tenant_id, member_id, subject, display_name, email, org_role, timezone, quiet_start, quiet_end, active, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10)
         ON CONFLICT (tenant_id, member_id) DO UPDATE SET subject = EXCLUDED.subject, display_name = EXCLUDED.display_name,
           email = EXCLUDED.email, org_role = EXCLUDED.org_role, timezone = EXCLUDED.timezone,
           quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end, active = true`,
        [
          tenantId,
          event.data.memberId,
          event.data.subject,
          event.data.displayName,
          event.data.email,
          event.data.orgRole,
          event.data.timezone,
          event.data.quietHours?.start ?? null,
          event.data.quietHours?.end ?? null,
          event.data.at,
        ],
      );
      await tx.query(
        `INSERT INTO subject_memberships (subject, tenant_id, member_id, org_role, display_name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (subject, tenant_id) DO UPDATE SET member_id = EXCLUDED.member_id, org_role = EXCLUDED.org_role,
           display_name = EXCLUDED.display_name`,
        [event.data.subject, tenantId, event.data.memberId, event.data.orgRole, event.data.displayName],
      );
      await tx.query(notifyMembershipsChangedSql, [tenantId]);
    },
    async MemberRoleChanged(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`UPDATE org_members SET org_role = $3 WHERE tenant_id = $1 AND member_id = $2`, [tenantId, event.data.memberId, event.data.toRole]);
      await tx.query(`UPDATE subject_memberships SET org_role = $3 WHERE tenant_id = $1 AND member_id = $2`, [tenantId, event.data.memberId, event.data.toRole]);
      await tx.query(notifyMembershipsChangedSql, [tenantId]);
    },
    async MemberPreferencesUpdated(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(
        `UPDATE org_members SET timezone = $3, quiet_start = $4, quiet_end = $5 WHERE tenant_id = $1 AND member_id = $2`,
        [tenantId, event.data.memberId, event.data.timezone, event.data.quietHours?.start ?? null, event.data.quietHours?.end ?? null],
      );
    },
    async MemberEmailChanged(tx, event, recorded) {
      await tx.query(`UPDATE org_members SET email = $3 WHERE tenant_id = $1 AND member_id = $2`, [recorded.tenantId, event.data.memberId, event.data.email]);
    },
    async OrganisationSettingsChanged(tx, event, recorded) {
      const { timezone, minimumGroupSize, stalledAfterDays, reflectionWindowHours, at } = event.data;
      await tx.query(
        `UPDATE organisations SET timezone = $2, minimum_group_size = $3, stalled_after_days = $4, reflection_window_hours = $5, settings_updated_at = $6
         WHERE tenant_id = $1`,
        [recorded.tenantId, timezone, minimumGroupSize, stalledAfterDays, reflectionWindowHours, at],
      );
    },
    async MemberLeft(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      const { rows } = await tx.query<{ subject: string }>(
        `UPDATE org_members SET active = false WHERE tenant_id = $1 AND member_id = $2 RETURNING subject`,
        [tenantId, event.data.memberId],
      );
      if (rows[0]) await tx.query(`DELETE FROM subject_memberships WHERE subject = $1 AND tenant_id = $2`, [rows[0].subject, tenantId]);
      await tx.query(notifyMembershipsChangedSql, [tenantId]);
    },
  },
});
