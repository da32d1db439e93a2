import { canReadOrganisationAnalytics, teamAnalyticsAccess } from './analytics-access.policy';

describe('who may read analytics', () => {
  it.each([
    ['an admin off the team', { orgRole: 'ADMIN', teamRole: null }, 'ALLOWED'],
    ['the team leader', { orgRole: 'MEMBER', teamRole: 'LEADER' }, 'ALLOWED'],
    ['staff on the team', { orgRole: 'MEMBER', teamRole: 'STAFF' }, 'LEADER_REQUIRED'],
    ['a member off the team', { orgRole: 'MEMBER', teamRole: null }, 'NOT_FOUND'],
  ] as const)('a team’s or journey’s: %s → %s', (_who, viewer, access) => {
    expect(teamAnalyticsAccess(viewer)).toBe(access);
  });

  it('the organisation’s: admins only', () => {
    expect(canReadOrganisationAnalytics('ADMIN')).toBe(true);
    expect(canReadOrganisationAnalytics('MEMBER')).toBe(false);
  });
});
