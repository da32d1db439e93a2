import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { Projection } from '@stepwise/projections';
import type { TeamEvent } from '@stepwise/tenancy-domain';

/** Teams, their subscription and their members with a role each. */
export const teamsProjection: Projection = {
  name: 'teams',
  eventTypes: ['TeamCreated', 'TeamSubscribed', 'SubscriptionChanged', 'SubscriptionCancelled', 'TeamMemberJoined', 'TeamMemberRoleChanged', 'TeamMemberLeft'],
  tables: ['teams', 'team_members'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as TeamEvent;
    const tenantId = recorded.tenantId;
    switch (event.type) {
      case 'TeamCreated':
        await tx.query(
          `INSERT INTO teams (tenant_id, team_id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [tenantId, event.data.teamId, event.data.name, event.data.at],
        );
        return;
      case 'TeamSubscribed':
        await tx.query(`UPDATE teams SET plan = $3, subscription_status = $4 WHERE tenant_id = $1 AND team_id = $2`, [
          tenantId, event.data.teamId, event.data.plan, event.data.status,
        ]);
        return;
      case 'SubscriptionChanged':
        await tx.query(`UPDATE teams SET plan = $3, subscription_status = $4 WHERE tenant_id = $1 AND team_id = $2`, [
          tenantId, event.data.teamId, event.data.toPlan, event.data.toStatus,
        ]);
        return;
      case 'SubscriptionCancelled':
        await tx.query(`UPDATE teams SET subscription_status = 'CANCELLED' WHERE tenant_id = $1 AND team_id = $2`, [tenantId, event.data.teamId]);
        return;
      case 'TeamMemberJoined':
        await tx.query(
          `INSERT INTO team_members (tenant_id, team_id, member_id, role, joined_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, team_id, member_id) DO UPDATE SET role = EXCLUDED.role`,
          [tenantId, event.data.teamId, event.data.memberId, event.data.role, event.data.at],
        );
        return;
      case 'TeamMemberRoleChanged':
        await tx.query(`UPDATE team_members SET role = $4 WHERE tenant_id = $1 AND team_id = $2 AND member_id = $3`, [
          tenantId, event.data.teamId, event.data.memberId, event.data.toRole,
        ]);
        return;
      case 'TeamMemberLeft':
        await tx.query(`DELETE FROM team_members WHERE tenant_id = $1 AND team_id = $2 AND member_id = $3`, [
          tenantId, event.data.teamId, event.data.memberId,
        ]);
        return;
    }
  },
};
