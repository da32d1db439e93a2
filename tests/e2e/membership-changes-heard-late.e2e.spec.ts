/**
 * A mutation that changes who may do what is followed at once by requests checked against the
 * change, even when the api hears the read models' notice of it only after answering the mutation:
 * as an api process of its own does when its wait is answered by a read of the checkpoint (before
 * its watch is live, or at its deadline), a moment before the notice reaches its listening session.
 * The api's notices of memberships and teams are held back here for the whole spec, so that order
 * happens every time; the worker's commits, and the mutations' waits on them, go on as ever.
 */
import { MEMBERSHIPS_CHANNEL, TENANCY_CHANGES_CHANNEL } from '@stepwise/tenancy-infrastructure';
import { lateNotices, type LateNotices } from '../support/late-notices';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('membership changes the api hears of late', () => {
  let late: LateNotices | undefined;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise({ apiDatabase: (database) => (late = lateNotices(database, [MEMBERSHIPS_CHANNEL, TENANCY_CHANGES_CHANNEL])).database });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'heard-late', staff: 1 });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  it('refuses a removed member from the removal’s answer on', async () => {
    const leaving = await addPerson(api, org.admin, `heard-late-leaving-${org.organisationId}`, 'Leaving Member');
    // Checked once: the api keeps the membership from here.
    expect((await api.attemptQuery(leaving, 'members')).errors).toBeUndefined();
    const removed = await api.mutate(org.admin, 'removeMember', { memberId: leaving.memberId });
    expect(removed.outcome.projected).toBe(true);
    expect(errorCode(await api.attemptQuery(leaving, 'members'))).toBe('ORGANISATION_NOT_FOUND');
    // The notice was sent: the api had not heard it.
    expect(late?.waiting).toBeGreaterThan(0);
  });

  it('refuses an admin made a member what only admins may read, from the change’s answer on', async () => {
    const demoted = await addPerson(api, org.admin, `heard-late-admin-${org.organisationId}`, 'Second Admin', 'ADMIN');
    expect((await api.attemptQuery(demoted, 'organisationAnalytics')).errors).toBeUndefined();
    const changed = await api.mutate(org.admin, 'changeMemberRole', { memberId: demoted.memberId, orgRole: 'MEMBER' });
    expect(changed.outcome.projected).toBe(true);
    expect(errorCode(await api.attemptQuery(demoted, 'organisationAnalytics'))).toBe('FORBIDDEN');
  });

  it('refuses a leader made staff what only the team’s leaders may read, from the change’s answer on', async () => {
    const [next] = org.staff;
    await api.mutate(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: next.memberId, role: 'LEADER' });
    expect((await api.attemptQuery(org.leader, 'teamAnalytics', { teamId: org.teamId })).errors).toBeUndefined();
    const changed = await api.mutate(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: org.leader.memberId, role: 'STAFF' });
    expect(changed.outcome.projected).toBe(true);
    expect(errorCode(await api.attemptQuery(org.leader, 'teamAnalytics', { teamId: org.teamId }))).toBe('LEADER_REQUIRED');
  });
});
