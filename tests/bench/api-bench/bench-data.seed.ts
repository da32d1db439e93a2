/**
 * The data the api benchmark reads and writes, made through GraphQL as a client would: one
 * organisation, a subscribed team with a leader and a staff member, a "hot" journey with a vision,
 * a direction, a taken step and one reflection, and a set of quiet journeys (one per load connection)
 * for the uncontended mutation scenario.
 */
import type { Stepwise } from '../../support/stepwise-harness';

export interface BenchData {
  readonly organisationId: string;
  readonly leaderToken: string;
  readonly staffToken: string;
  readonly teamId: string;
  readonly journeyId: string;
  readonly stepId: string;
  /** One journey per load connection, each with a vision: writes to them never contend. */
  readonly quietJourneyIds: readonly string[];
}

const OUTCOME = 'outcome { version projected }';

const mutate = async (
  stepwise: Stepwise,
  caller: { token: string; organisationId?: string },
  name: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<Record<string, unknown>> => {
  const inputType = INPUT_TYPES[name];
  const response = await stepwise.graphql<Record<string, Record<string, unknown>>>({
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`,
    variables: { input },
    token: caller.token,
    organisationId: caller.organisationId,
  });
  const payload = response.data?.[name];
  if (response.errors?.length || !payload) throw new Error(`${name} failed during seeding: ${JSON.stringify(response.errors)}`);
  return payload;
};

const INPUT_TYPES: Record<string, string> = {
  createOrganisation: 'CreateOrganisationInput',
  addMember: 'AddMemberInput',
  createTeam: 'CreateTeamInput',
  subscribeTeam: 'SubscribeTeamInput',
  addTeamMember: 'TeamMemberRoleInput',
  startJourney: 'StartJourneyInput',
  articulateVision: 'VisionInput',
  setDirection: 'SetDirectionInput',
  planStep: 'PlanStepInput',
  takeStep: 'TakeStepInput',
  recordReflection: 'RecordReflectionInput',
};

const journeyWithVision = async (stepwise: Stepwise, leader: { token: string; organisationId: string }, teamId: string, title: string): Promise<string> => {
  const started = await mutate(stepwise, leader, 'startJourney', { teamId, title }, `createdId ${OUTCOME}`);
  const journeyId = started.createdId as string;
  await mutate(
    stepwise,
    leader,
    'articulateVision',
    {
      journeyId,
      statement: 'Every student acts on feedback within a week',
      expectations: ['Feedback is specific', 'Students ask for it'],
      successSignals: ['Revised drafts arrive within a week'],
    },
    OUTCOME,
  );
  await mutate(stepwise, leader, 'setDirection', { journeyId, direction: 'Short written feedback, reviewed in class' }, OUTCOME);
  return journeyId;
};

export const seedBenchData = async (stepwise: Stepwise, quietJourneys: number): Promise<BenchData> => {
  const leaderToken = await stepwise.token('bench-leader', 'Bench Leader');
  const staffToken = await stepwise.token('bench-staff', 'Bench Staff');
  const created = await mutate(stepwise, { token: leaderToken }, 'createOrganisation', { name: 'Bench Schools' }, 'organisation { id myMemberId }');
  const organisation = created.organisation as { id: string; myMemberId: string };
  const leader = { token: leaderToken, organisationId: organisation.id };
  const staff = { token: staffToken, organisationId: organisation.id };
  const added = await mutate(stepwise, leader, 'addMember', { subject: 'bench-staff', displayName: 'Bench Staff', orgRole: 'MEMBER' }, 'memberId');
  const team = await mutate(stepwise, leader, 'createTeam', { name: 'Maths' }, 'teamId');
  const teamId = team.teamId as string;
  await mutate(stepwise, leader, 'subscribeTeam', { teamId, plan: 'GROWTH', status: 'ACTIVE' }, OUTCOME);
  await mutate(stepwise, leader, 'addTeamMember', { teamId, memberId: organisation.myMemberId, role: 'LEADER' }, OUTCOME);
  await mutate(stepwise, leader, 'addTeamMember', { teamId, memberId: added.memberId, role: 'STAFF' }, OUTCOME);

  const journeyId = await journeyWithVision(stepwise, leader, teamId, 'Feedback that lands');
  const planned = await mutate(stepwise, staff, 'planStep', { journeyId, title: 'Return one essay with three comments' }, `createdId ${OUTCOME}`);
  const stepId = planned.createdId as string;
  await mutate(stepwise, staff, 'takeStep', { journeyId, stepId }, OUTCOME);
  await mutate(stepwise, staff, 'recordReflection', { journeyId, closer: 'YES', comfort: 2, note: 'Awkward, but they read it', stepId }, OUTCOME);

  const quietJourneyIds: string[] = [];
  for (let i = 0; i < quietJourneys; i += 1) quietJourneyIds.push(await journeyWithVision(stepwise, leader, teamId, `Quiet journey ${i + 1}`));
  return { organisationId: organisation.id, leaderToken, staffToken, teamId, journeyId, stepId, quietJourneyIds };
};
