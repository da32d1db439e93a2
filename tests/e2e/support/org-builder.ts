/**
 * Builders for end-to-end specs: an organisation with an admin, a subscribed team with a LEADER
 * and STAFF, and a member who is not on the team; and a journey with its vision and direction. All
 * of it is set up over GraphQL, the way a customer would.
 */
import { randomUUID } from 'node:crypto';
import type { Person, StepwiseApi } from './stepwise-api';

export interface OrgFixture {
  readonly organisationId: string;
  readonly teamId: string;
  readonly admin: Person;
  readonly leader: Person;
  readonly staff: readonly Person[];
  /** A MEMBER of the organisation who is on no team. */
  readonly bystander: Person;
}

export interface OrgOptions {
  /** Names people and subjects ("acme" gives "acme-leader", "Acme Leader"); unique per call anyway. */
  readonly label?: string;
  readonly staff?: number;
  readonly plan?: 'STARTER' | 'GROWTH' | 'UNLIMITED';
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A person added to an existing organisation by its admin (addMember by subject). */
export const addPerson = async (api: StepwiseApi, admin: Person, subject: string, name: string, orgRole: 'ADMIN' | 'MEMBER' = 'MEMBER'): Promise<Person> => {
  const added = await api.mutate(admin, 'addMember', { subject, displayName: name, orgRole });
  return { subject, name, token: await api.stepwise.token(subject, name), organisationId: admin.organisationId, memberId: added.memberId };
};

export const buildOrg = async (api: StepwiseApi, options: OrgOptions = {}): Promise<OrgFixture> => {
  const label = options.label ?? 'org';
  const unique = `${label}-${randomUUID().slice(0, 8)}`;
  const Label = capitalised(label);
  const adminSubject = `${unique}-admin`;
  const adminToken = await api.stepwise.token(adminSubject, `${Label} Admin`);
  const created = await api.mutate({ token: adminToken }, 'createOrganisation', { name: `${Label} ${unique}`, displayName: `${Label} Admin` });
  if (!created.organisation) throw new Error('createOrganisation answered before its read model caught up');
  const { id: organisationId, myMemberId } = created.organisation;
  const admin: Person = { subject: adminSubject, name: `${Label} Admin`, token: adminToken, organisationId, memberId: myMemberId };

  const leader = await addPerson(api, admin, `${unique}-leader`, `${Label} Leader`);
  const staff: Person[] = [];
  for (let index = 1; index <= (options.staff ?? 2); index += 1) {
    staff.push(await addPerson(api, admin, `${unique}-staff-${index}`, `${Label} Staff ${index}`));
  }
  const bystander = await addPerson(api, admin, `${unique}-bystander`, `${Label} Bystander`);

  const { teamId } = await api.mutate(admin, 'createTeam', { name: `${Label} Team` });
  await api.mutate(admin, 'subscribeTeam', { teamId, plan: options.plan ?? 'STARTER', status: 'ACTIVE' });
  await api.mutate(admin, 'addTeamMember', { teamId, memberId: leader.memberId, role: 'LEADER' });
  for (const person of staff) await api.mutate(admin, 'addTeamMember', { teamId, memberId: person.memberId, role: 'STAFF' });
  return { organisationId, teamId, admin, leader, staff, bystander };
};

export interface JourneyOptions {
  readonly title?: string;
  readonly statement?: string;
  readonly direction?: string | null;
}

/** A journey its team's leader started, with a vision articulated and (unless null) a direction set. */
export const startJourney = async (api: StepwiseApi, org: OrgFixture, options: JourneyOptions = {}): Promise<string> => {
  const started = await api.mutate(org.leader, 'startJourney', { teamId: org.teamId, title: options.title ?? 'Move to weekly planning' });
  const journeyId = started.journeyId;
  await api.mutate(org.leader, 'articulateVision', {
    journeyId,
    statement: options.statement ?? 'Every team plans its week together on Monday',
    expectations: ['Plans are shared by 10am'],
    successSignals: ['Nobody asks "what are we doing this week?"'],
  });
  if (options.direction !== null) await api.mutate(org.leader, 'setDirection', { journeyId, direction: options.direction ?? 'Start with one pilot team' });
  return journeyId;
};

/** A step a staff member planned and took; returns its id. */
export const takenStep = async (api: StepwiseApi, person: Person, journeyId: string, title: string): Promise<string> => {
  const planned = await api.mutate(person, 'planStep', { journeyId, title });
  const stepId = planned.createdId!;
  await api.mutate(person, 'takeStep', { journeyId, stepId });
  return stepId;
};
