import { teamEventSchemaVersions, type TeamEvent } from '@stepwise/tenancy-domain';
import { defineProjection } from '@stepwise/projections';

/** Teams, their subscription and their members with a role each. */
export const teamsProjection = defineProjection<TeamEvent>({
  name: 'teams',
  tables: ['teams', 'team_members'],
  events: teamEventSchemaVersions,
  handlers: {
    async TeamCreated(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(
        `INSERT INTO teams (tenant_id, team_id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [tenantId, event.data.teamId, event.data.name, event.data.at],
      );
    },
    async TeamSubscribed(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`UPDATE teams SET plan = $3, subscription_status = $4 WHERE tenant_id = $1 AND team_id = $2`, [
        tenantId, event.data.teamId, event.data.plan, event.data.status,
      ]);
    },
    async SubscriptionChanged(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`UPDATE teams SET plan = $3, subscription_status = $4 WHERE tenant_id = $1 AND team_id = $2`, [
        tenantId, event.data.teamId, event.data.toPlan, event.data.toStatus,
      ]);
    },
    async SubscriptionCancelled(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`UPDATE teams SET subscription_status = 'CANCELLED' WHERE tenant_id = $1 AND team_id = $2`, [tenantId, event.data.teamId]);
    },
    async TeamMemberJoined(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(
        `INSERT INTO team_members (tenant_id, team_id, member_id, role, joined_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, team_id, member_id) DO UPDATE SET role = EXCLUDED.role`,
        [tenantId, event.data.teamId, event.data.memberId, event.data.role, event.data.at],
      );
    },
    async TeamMemberRoleChanged(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`UPDATE team_members SET role = $4 WHERE tenant_id = $1 AND team_id = $2 AND member_id = $3`, [
        tenantId, event.data.teamId, event.data.memberId, event.data.toRole,
      ]);
    },
    async TeamMemberLeft(tx, event, recorded) {
      const tenantId = recorded.tenantId;
      await tx.query(`DELETE FROM team_members WHERE tenant_id = $1 AND team_id = $2 AND member_id = $3`, [
        tenantId, event.data.teamId, event.data.memberId,
      ]);
    },
  },
});
