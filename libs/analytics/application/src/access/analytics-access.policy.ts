/**
 * Who may read analytics, and how much of it. A journey's and a team's: the team's LEADERs see each
 * person's figures (a coaching relationship); organisation ADMINs who do not lead the team see
 * aggregates only, small cells withheld (privacy.suppression), as in the organisation's view; staff
 * see their own work, not their peers' figures. The organisation's, above every team: ADMINs only,
 * aggregates only.
 */
import type { TeamViewer } from '@stepwise/tenancy-application/read';

/**
 * What a reader allowed sees: `INDIVIDUAL` every figure, down to one person's comfort and direction;
 * `AGGREGATE` a comfort- or direction-bearing figure only over at least the minimum group size of
 * people, withheld with a reason below it.
 */
export type AnalyticsDetail = 'INDIVIDUAL' | 'AGGREGATE';

export type AnalyticsAccess = AnalyticsDetail | 'NOT_FOUND' | 'LEADER_REQUIRED';

export const teamAnalyticsAccess = ({ orgRole, teamRole }: TeamViewer): AnalyticsAccess => {
  if (teamRole === 'LEADER') return 'INDIVIDUAL';
  if (orgRole === 'ADMIN') return 'AGGREGATE';
  return teamRole === 'STAFF' ? 'LEADER_REQUIRED' : 'NOT_FOUND';
};

export const canReadOrganisationAnalytics = (orgRole: TeamViewer['orgRole']): boolean => orgRole === 'ADMIN';

/** Above one team every reader sees aggregates. */
export const ORGANISATION_ANALYTICS_DETAIL: AnalyticsDetail = 'AGGREGATE';
