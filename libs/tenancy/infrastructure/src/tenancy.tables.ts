/**
 * The tenancy read tables row projections write (see tenancy.migrations.ts): every column with its
 * type, and the key. Timestamps are ISO text.
 */
import type { TableShape } from '@stepwise/projections';

export type TeamRow = {
  readonly tenant_id: string;
  readonly team_id: string;
  readonly name: string;
  readonly plan: string | null;
  readonly subscription_status: string | null;
  readonly created_at: string;
};

export const teamsTable: TableShape<TeamRow, 'tenant_id' | 'team_id'> = {
  name: 'teams',
  key: ['tenant_id', 'team_id'],
  columns: { tenant_id: 'text', team_id: 'text', name: 'text', plan: 'text', subscription_status: 'text', created_at: 'timestamptz' },
};

export type TeamMemberRow = {
  readonly tenant_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly role: string;
  readonly joined_at: string;
};

export const teamMembersTable: TableShape<TeamMemberRow, 'tenant_id' | 'team_id' | 'member_id'> = {
  name: 'team_members',
  key: ['tenant_id', 'team_id', 'member_id'],
  columns: { tenant_id: 'text', team_id: 'text', member_id: 'text', role: 'text', joined_at: 'timestamptz' },
};
