/**
 * Who was on which team, when: joining opens a row, leaving closes it (the team read model deletes
 * it instead), so participation can count the members of any past week. And each member's timezone,
 * for judging a commitment overdue where they are.
 */
import { defineProjection, SKIP, type Projection } from '@stepwise/projections';
import { organisationEventSchemaVersions, teamEventSchemaVersions, type OrganisationEvent, type TeamEvent } from '@stepwise/tenancy-domain';

export const membershipHistoryProjection = (schema: string): Projection =>
  defineProjection<TeamEvent>({
    name: 'analytics-membership-history',
    tables: [`${schema}.memberships`],
    events: teamEventSchemaVersions,
    handlers: {
      async TeamMemberJoined(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.memberships (tenant_id, team_id, member_id, joined_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, team_id, member_id, joined_at) DO NOTHING`,
          [recorded.tenantId, data.teamId, data.memberId, data.at],
        );
      },
      async TeamMemberLeft(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.memberships SET left_at = $4 WHERE tenant_id = $1 AND team_id = $2 AND member_id = $3 AND left_at IS NULL`, [
          recorded.tenantId,
          data.teamId,
          data.memberId,
          data.at,
        ]);
      },
      TeamCreated: SKIP,
      TeamSubscribed: SKIP,
      SubscriptionChanged: SKIP,
      SubscriptionCancelled: SKIP,
      TeamMemberRoleChanged: SKIP,
    },
  });

export const memberTimezonesProjection = (schema: string): Projection =>
  defineProjection<OrganisationEvent>({
    name: 'analytics-member-timezones',
    tables: [`${schema}.member_timezones`],
    events: organisationEventSchemaVersions,
    handlers: {
      async MemberJoined(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.member_timezones (tenant_id, member_id, timezone) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, member_id) DO UPDATE SET timezone = EXCLUDED.timezone`,
          [recorded.tenantId, data.memberId, data.timezone],
        );
      },
      async MemberPreferencesUpdated(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.member_timezones SET timezone = $3 WHERE tenant_id = $1 AND member_id = $2`, [
          recorded.tenantId,
          data.memberId,
          data.timezone,
        ]);
      },
      OrganisationCreated: SKIP,
      MemberRoleChanged: SKIP,
      MemberLeft: SKIP,
      OrganisationSettingsChanged: SKIP,
      MemberEmailChanged: SKIP,
    },
  });
