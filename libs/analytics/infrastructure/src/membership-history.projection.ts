/**
 * Who was on which team, when: joining opens a row, leaving closes it (the team read model deletes
 * it instead), so participation can count the members of any past week. And each member's timezone,
 * for judging a commitment overdue where they are.
 */
import { ANALYTICS_CHANGES_CHANNEL } from './analytics-changes.channel';
import { defineRowProjection, inSchema, SKIP, type Projection } from '@stepwise/projections';
import { organisationEventSchemaVersions, readableTimezone, teamEventSchemaVersions, type OrganisationEvent, type TeamEvent } from '@stepwise/tenancy-domain';
import { memberTimezonesTable, membershipsTable } from './analytics.tables';

export const membershipHistoryProjection = (schema: string): Projection => {
  const tables = { memberships: inSchema(membershipsTable, schema) };
  return defineRowProjection<TeamEvent, typeof tables>({
    name: 'analytics-membership-history',
    notify: { channel: ANALYTICS_CHANGES_CHANNEL, on: 'handled' },
    tables,
    events: teamEventSchemaVersions,
    handlers: {
      TeamMemberJoined({ memberships }, { data }, recorded) {
        memberships.insert({ tenant_id: recorded.tenantId, team_id: data.teamId, member_id: data.memberId, joined_at: data.at, left_at: null });
      },
      async TeamMemberLeft({ memberships }, { data }, recorded) {
        for (const stay of await memberships.where({ tenant_id: recorded.tenantId, team_id: data.teamId, member_id: data.memberId })) {
          if (stay.left_at === null) await memberships.update(stay, { left_at: data.at });
        }
      },
      TeamCreated: SKIP,
      TeamSubscribed: SKIP,
      SubscriptionChanged: SKIP,
      SubscriptionCancelled: SKIP,
      TeamMemberRoleChanged: SKIP,
    },
  });
};

/**
 * The zone overdue is judged in: as the timezone rule takes it today, or UTC for one an old event
 * holds that the rule no longer takes (PostgreSQL refuses some such names, and the query with them).
 */
const judgedIn = (timezone: string): string => readableTimezone(timezone) ?? 'UTC';

export const memberTimezonesProjection = (schema: string): Projection => {
  const tables = { timezones: inSchema(memberTimezonesTable, schema) };
  return defineRowProjection<OrganisationEvent, typeof tables>({
    name: 'analytics-member-timezones',
    notify: { channel: ANALYTICS_CHANGES_CHANNEL, on: 'handled' },
    tables,
    events: organisationEventSchemaVersions,
    handlers: {
      async MemberJoined({ timezones }, { data }, recorded) {
        await timezones.upsert({ tenant_id: recorded.tenantId, member_id: data.memberId, timezone: judgedIn(data.timezone) });
      },
      async MemberPreferencesUpdated({ timezones }, { data }, recorded) {
        await timezones.update({ tenant_id: recorded.tenantId, member_id: data.memberId }, { timezone: judgedIn(data.timezone) });
      },
      OrganisationCreated: SKIP,
      MemberRoleChanged: SKIP,
      MemberLeft: SKIP,
      OrganisationSettingsChanged: SKIP,
      MemberEmailChanged: SKIP,
    },
  });
};
