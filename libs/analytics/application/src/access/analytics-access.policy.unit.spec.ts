import { canReadOrganisationAnalytics, teamAnalyticsAccess } from './analytics-access.policy';

describe('who may read analytics, and how much of it', () => {
  it.each([
    ['the team leader: each person’s figures', { orgRole: 'MEMBER', teamRole: 'LEADER' }, 'INDIVIDUAL'],
    ['an admin who leads the team: each person’s figures', { orgRole: 'ADMIN', teamRole: 'LEADER' }, 'INDIVIDUAL'],
    ['an admin off the team: aggregates only', { orgRole: 'ADMIN', teamRole: null }, 'AGGREGATE'],
    ['an admin on the team as staff: aggregates only', { orgRole: 'ADMIN', teamRole: 'STAFF' }, 'AGGREGATE'],
    ['staff on the team: refused', { orgRole: 'MEMBER', teamRole: 'STAFF' }, 'LEADER_REQUIRED'],
    ['a member off the team: not found', { orgRole: 'MEMBER', teamRole: null }, 'NOT_FOUND'],
  ] as const)('a team’s or journey’s: %s', (_who, viewer, access) => {
    expect(teamAnalyticsAccess(viewer)).toBe(access);
  });

  it('the organisation’s: admins only', () => {
    expect(canReadOrganisationAnalytics('ADMIN')).toBe(true);
    expect(canReadOrganisationAnalytics('MEMBER')).toBe(false);
  });
});
