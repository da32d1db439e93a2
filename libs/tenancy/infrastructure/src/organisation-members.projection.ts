import { DEFAULT_ORGANISATION_SETTINGS, organisationEventSchemaVersions, sameTimezone, type OrganisationEvent } from '@stepwise/tenancy-domain';
import { defineRowProjection } from '@stepwise/projections';
import { MEMBERSHIP_CHANGES, MEMBERSHIPS_CHANNEL } from './memberships.channel';
import { TENANCY_CHANGES_CHANNEL } from './tenancy-changes.channel';
import { minimumGroupSizeChangesTable, orgMembersTable, organisationsTable, subjectMembershipsTable } from './tenancy.tables';

const tables = { organisations: organisationsTable, members: orgMembersTable, subjects: subjectMembershipsTable, groupSizes: minimumGroupSizeChangesTable };

/**
 * Organisations and their members, plus the subject → organisation directory. A batch that changes
 * the directory notifies MEMBERSHIPS_CHANNEL with the tenant id, delivered when it commits; one that
 * changes the settings notifies TENANCY_CHANGES_CHANNEL.
 */
export const organisationMembersProjection = defineRowProjection<OrganisationEvent, typeof tables>({
  name: 'organisation-members',
  tables,
  events: organisationEventSchemaVersions,
  notify: [
    { channel: MEMBERSHIPS_CHANNEL, on: MEMBERSHIP_CHANGES },
    { channel: TENANCY_CHANGES_CHANNEL, on: ['OrganisationSettingsChanged'] },
  ],
  handlers: {
    OrganisationCreated({ organisations }, { data }, recorded) {
      const settings = DEFAULT_ORGANISATION_SETTINGS;
      organisations.insert({
        tenant_id: recorded.tenantId,
        name: data.name,
        slug: data.slug,
        created_by: data.createdBy,
        created_at: data.at,
        timezone: settings.timezone,
        minimum_group_size: settings.minimumGroupSize,
        stalled_after_days: settings.stalledAfterDays,
        reflection_window_hours: settings.reflectionWindowHours,
        settings_updated_at: null,
        timezone_since: null,
      });
    },
    async MemberJoined({ members, subjects }, { data }, recorded) {
      const tenant_id = recorded.tenantId;
      // Joining again (after leaving) keeps the first joining time and takes everything else anew.
      await members.upsert(
        {
          tenant_id,
          member_id: data.memberId,
          subject: data.subject,
          display_name: data.displayName,
          email: data.email,
          org_role: data.orgRole,
          timezone: data.timezone,
          quiet_start: data.quietHours?.start ?? null,
          quiet_end: data.quietHours?.end ?? null,
          active: true,
          joined_at: data.at,
        },
        ['subject', 'display_name', 'email', 'org_role', 'timezone', 'quiet_start', 'quiet_end', 'active'],
      );
      await subjects.upsert({ subject: data.subject, tenant_id, member_id: data.memberId, org_role: data.orgRole, display_name: data.displayName });
    },
    async MemberRoleChanged({ members, subjects }, { data }, recorded) {
      await members.update({ tenant_id: recorded.tenantId, member_id: data.memberId }, { org_role: data.toRole });
      for (const row of await subjects.where({ tenant_id: recorded.tenantId, member_id: data.memberId })) await subjects.update(row, { org_role: data.toRole });
    },
    async MemberPreferencesUpdated({ members }, { data }, recorded) {
      await members.update(
        { tenant_id: recorded.tenantId, member_id: data.memberId },
        { timezone: data.timezone, quiet_start: data.quietHours?.start ?? null, quiet_end: data.quietHours?.end ?? null },
      );
    },
    async MemberEmailChanged({ members }, { data }, recorded) {
      await members.update({ tenant_id: recorded.tenantId, member_id: data.memberId }, { email: data.email });
    },
    async OrganisationSettingsChanged({ organisations, groupSizes }, { data }, recorded) {
      groupSizes.insert({ tenant_id: recorded.tenantId, stream_version: recorded.streamVersion, changed_at: data.at, minimum_group_size: data.minimumGroupSize });
      const organisation = await organisations.get({ tenant_id: recorded.tenantId });
      // Another spelling of the same zone (Etc/UTC for UTC) cuts the same weeks: no change.
      const timezoneChanged = !sameTimezone(organisation?.timezone ?? DEFAULT_ORGANISATION_SETTINGS.timezone, data.timezone);
      await organisations.update(
        { tenant_id: recorded.tenantId },
        {
          ...(timezoneChanged ? { timezone_since: data.at } : {}),
          timezone: data.timezone,
          minimum_group_size: data.minimumGroupSize,
          stalled_after_days: data.stalledAfterDays,
          reflection_window_hours: data.reflectionWindowHours,
          settings_updated_at: data.at,
        },
      );
    },
    async MemberLeft({ members, subjects }, { data }, recorded) {
      const key = { tenant_id: recorded.tenantId, member_id: data.memberId };
      const member = await members.get(key);
      if (!member) return;
      await members.update(key, { active: false });
      await subjects.delete({ subject: member.subject, tenant_id: recorded.tenantId });
    },
  },
});
