/**
 * Who may read analytics. A journey's and a team's: the team's LEADERs (a coaching relationship) and
 * organisation ADMINs; staff see their own work, not their peers' figures. The organisation's, above
 * every team: ADMINs only, with small cells suppressed (privacy.suppression).
 */
import type { TeamViewer } from '@stepwise/tenancy-application/read';

export type AnalyticsAccess = 'ALLOWED' | 'NOT_FOUND' | 'LEADER_REQUIRED';

export const teamAnalyticsAccess = ({ orgRole, teamRole }: TeamViewer): AnalyticsAccess => {
  if (orgRole === 'ADMIN' || teamRole === 'LEADER') return 'ALLOWED';
  return teamRole === 'STAFF' ? 'LEADER_REQUIRED' : 'NOT_FOUND';
};

export const canReadOrganisationAnalytics = (orgRole: TeamViewer['orgRole']): boolean => orgRole === 'ADMIN';
