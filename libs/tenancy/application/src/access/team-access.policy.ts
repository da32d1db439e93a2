/**
 * Who may see a team, its members and its journeys: the one rule the read side (queries, SQL
 * filters) and the write side (command guards) both apply. Members see the teams they are on;
 * organisation admins see every team. Anyone else is answered NOT_FOUND, as for another tenant's id.
 */
export interface TeamViewer {
  readonly orgRole: 'ADMIN' | 'MEMBER';
  /** The viewer's role on the team, or null when they are not on it. */
  readonly teamRole: 'LEADER' | 'STAFF' | null;
}

export const canSeeTeam = ({ orgRole, teamRole }: TeamViewer): boolean => orgRole === 'ADMIN' || teamRole !== null;

/** Admins list every team; everyone else only the teams they are on. */
export const listsOnlyOwnTeams = (orgRole: TeamViewer['orgRole']): boolean => orgRole !== 'ADMIN';
