import { teamEventSchemaVersions, type TeamEvent } from '@stepwise/tenancy-domain';
import { defineRowProjection } from '@stepwise/projections';
import { TENANCY_CHANGES_CHANNEL } from './tenancy-changes.channel';
import { teamMembersTable, teamsTable } from './tenancy.tables';

const tables = { teams: teamsTable, members: teamMembersTable };

/** Teams, their subscription and their members with a role each. */
export const teamsProjection = defineRowProjection<TeamEvent, typeof tables>({
  name: 'teams',
  notify: { channel: TENANCY_CHANGES_CHANNEL, on: 'handled' },
  tables,
  events: teamEventSchemaVersions,
  handlers: {
    TeamCreated({ teams }, { data }, recorded) {
      teams.insert({ tenant_id: recorded.tenantId, team_id: data.teamId, name: data.name, plan: null, subscription_status: null, created_at: data.at });
    },
    async TeamSubscribed({ teams }, { data }, recorded) {
      await teams.update({ tenant_id: recorded.tenantId, team_id: data.teamId }, { plan: data.plan, subscription_status: data.status });
    },
    async SubscriptionChanged({ teams }, { data }, recorded) {
      await teams.update({ tenant_id: recorded.tenantId, team_id: data.teamId }, { plan: data.toPlan, subscription_status: data.toStatus });
    },
    async SubscriptionCancelled({ teams }, { data }, recorded) {
      await teams.update({ tenant_id: recorded.tenantId, team_id: data.teamId }, { subscription_status: 'CANCELLED' });
    },
    async TeamMemberJoined({ members }, { data }, recorded) {
      // A member already on the team keeps their joining time and takes the new role.
      await members.upsert({ tenant_id: recorded.tenantId, team_id: data.teamId, member_id: data.memberId, role: data.role, joined_at: data.at }, ['role']);
    },
    async TeamMemberRoleChanged({ members }, { data }, recorded) {
      await members.update({ tenant_id: recorded.tenantId, team_id: data.teamId, member_id: data.memberId }, { role: data.toRole });
    },
    async TeamMemberLeft({ members }, { data }, recorded) {
      await members.delete({ tenant_id: recorded.tenantId, team_id: data.teamId, member_id: data.memberId });
    },
  },
});
