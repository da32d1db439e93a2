import { canSeeTeam, listsOnlyOwnTeams, type TeamViewer } from './team-access.policy';

describe('who may see a team', () => {
  const cases: ReadonlyArray<[string, TeamViewer, boolean]> = [
    ['a leader of the team', { orgRole: 'MEMBER', teamRole: 'LEADER' }, true],
    ['staff of the team', { orgRole: 'MEMBER', teamRole: 'STAFF' }, true],
    ['an organisation admin on no team', { orgRole: 'ADMIN', teamRole: null }, true],
    ['a member who is not on the team', { orgRole: 'MEMBER', teamRole: null }, false],
  ];

  it.each(cases)('%s: %p', (_who, viewer, sees) => {
    expect(canSeeTeam(viewer)).toBe(sees);
  });

  it('admins list every team; members only their own', () => {
    expect(listsOnlyOwnTeams('ADMIN')).toBe(false);
    expect(listsOnlyOwnTeams('MEMBER')).toBe(true);
  });
});
