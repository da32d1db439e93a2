/**
 * The demo organisation's six months, played through the command handlers: the organisation, its
 * people and teams first, then every journey's actions in time order, each at its own instant on
 * the injected clock.
 */
import { AddMemberCommand, AddTeamMemberCommand, CreateOrganisationCommand, CreateTeamCommand, SubscribeTeamCommand } from '@stepwise/tenancy-application';
import { derivedId } from '@stepwise/command-handling';
import { DEMO_ADMIN, DEMO_ORGANISATION, DEMO_TEAMS, DEMO_WEEKS } from './demo-cast';
import type { DemoCommands, DemoPerson } from './demo-commands';
import { journeyActions, type DemoAction, type DemoJourneyRecord } from './demo-journey.simulation';
import { SeededRandom } from '@stepwise/kernel';

const DAY = 86_400_000;
const TIMEZONE = 'Europe/London';

export interface DemoTeamRecord {
  readonly name: string;
  readonly teamId: string;
  readonly leader: DemoPerson;
  readonly staff: readonly DemoPerson[];
}

export interface DemoOutcome {
  readonly organisationId: string;
  readonly admin: DemoPerson;
  readonly teams: readonly DemoTeamRecord[];
  readonly journeys: readonly DemoJourneyRecord[];
  readonly from: Date;
  readonly until: Date;
  readonly commands: number;
}

const slugOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Monday 00:00 UTC of the week `weeks` weeks before `until`. */
const weekStartBefore = (until: Date, weeks: number): Date => {
  const back = new Date(until.getTime() - weeks * 7 * DAY);
  const monday = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate()));
  return new Date(monday.getTime() - ((monday.getUTCDay() + 6) % 7) * DAY);
};

export const playDemoStory = async (commands: DemoCommands, seed: number, until: Date): Promise<DemoOutcome> => {
  const random = new SeededRandom(seed);
  const start = weekStartBefore(until, DEMO_WEEKS);
  const setUpAt = new Date(start.getTime() - DAY);
  const person = (name: string, orgRole: 'ADMIN' | 'MEMBER' = 'MEMBER'): DemoPerson => ({ subject: `demo-${seed}-${slugOf(name)}`, name, orgRole, memberId: '' });

  const admin = person(DEMO_ADMIN, 'ADMIN');
  const creating = commands.context(admin, '');
  const created = await commands.send(
    setUpAt,
    new CreateOrganisationCommand(
      { name: DEMO_ORGANISATION, slug: `${slugOf(DEMO_ORGANISATION)}-demo-${seed}`, creator: { displayName: admin.name, email: null, timezone: TIMEZONE } },
      { ...creating, tenantId: derivedId(creating, 'organisation') },
    ),
  );
  admin.memberId = created.memberId;

  const teams: DemoTeamRecord[] = [];
  for (const spec of DEMO_TEAMS) {
    const leader = person(spec.leader);
    const staff = spec.staff.map((name) => person(name));
    for (const member of [leader, ...staff]) {
      const added = await commands.send(
        setUpAt,
        new AddMemberCommand({ subject: member.subject, displayName: member.name, email: null, timezone: TIMEZONE, orgRole: 'MEMBER' }, commands.context(admin)),
      );
      member.memberId = added.memberId;
    }
    const { teamId } = await commands.send(setUpAt, new CreateTeamCommand({ name: spec.name }, commands.context(admin)));
    await commands.send(setUpAt, new SubscribeTeamCommand({ teamId, plan: 'GROWTH', status: 'ACTIVE' }, commands.context(admin)));
    await commands.send(setUpAt, new AddTeamMemberCommand({ teamId, memberId: leader.memberId, role: 'LEADER' }, commands.context(admin)));
    for (const member of staff) await commands.send(setUpAt, new AddTeamMemberCommand({ teamId, memberId: member.memberId, role: 'STAFF' }, commands.context(admin)));
    teams.push({ name: spec.name, teamId, leader, staff });
  }

  let order = 0;
  const nextOrder = (): number => (order += 1);
  const journeys: DemoJourneyRecord[] = [];
  const actions: DemoAction[] = [];
  DEMO_TEAMS.forEach((spec, index) => {
    const { teamId, leader, staff } = teams[index];
    for (const journey of spec.journeys) {
      const drawn = journeyActions(journey, { commands, random, start, teamId, leader, staff, nextOrder });
      journeys.push(drawn.record);
      actions.push(...drawn.actions);
    }
  });
  actions.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  const last = actions.at(-1)?.at ?? start;
  if (last.getTime() > until.getTime()) throw new Error(`The demo story runs past --until (${last.toISOString()})`);
  for (const action of actions) await action.run();

  return { organisationId: commands.organisationId, admin, teams, journeys, from: start, until, commands: commands.commandsSent };
};
