/** What `npm run seed:demo` prints: where the demo is, who to be, and requests to paste. */
import type { DemoOutcome } from './demo-story';

export interface DemoTokens {
  readonly admin: string;
  readonly leader: string;
  readonly staff: string;
}

const shellQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

const curl = (url: string, token: string, organisationId: string, query: string, variables: Record<string, unknown>): string =>
  [
    `curl -s ${url}`,
    `  -H 'content-type: application/json'`,
    `  -H "authorization: Bearer ${token}"`,
    `  -H 'x-organisation-id: ${organisationId}'`,
    `  -d ${shellQuoted(JSON.stringify({ query, variables }))}`,
  ].join(' \\\n');

export const demoReport = (outcome: DemoOutcome, tokens: DemoTokens, url: string): string => {
  const [maths] = outcome.teams;
  const [feedback] = outcome.journeys;
  const leader = maths.leader;
  const staff = maths.staff[0];
  // Halfway through the six months: the first journey just after its pivot, before its revision.
  const midway = new Date((outcome.from.getTime() + outcome.until.getTime()) / 2).toISOString();
  const lines = [
    `Demo organisation: ${outcome.organisationId}`,
    `  ${outcome.teams.length} teams, ${outcome.journeys.length} journeys, ${outcome.commands} commands from ${outcome.from.toISOString()} to ${outcome.until.toISOString()}`,
    ...outcome.teams.map((team) => `  team ${team.teamId}  ${team.name} (leader ${team.leader.name}, ${team.staff.length} staff)`),
    ...outcome.journeys.map((journey) => `  journey ${journey.journeyId}  ${journey.title}`),
    '',
    'Tokens (signed with the local key, as `npm run token` makes them):',
    `  admin  ${outcome.admin.name} (${outcome.admin.subject}):`,
    `    ${tokens.admin}`,
    `  leader ${leader.name} (${leader.subject}), leads ${maths.name}:`,
    `    ${tokens.leader}`,
    `  staff  ${staff.name} (${staff.subject}), on ${maths.name}:`,
    `    ${tokens.staff}`,
    '',
    'Start the server (`npm start`); the read models catch up with the demo on boot. Then, as the leader, their team’s journeys:',
    curl(url, tokens.leader, outcome.organisationId, 'query($teamId: ID!) { teamJourneys(teamId: $teamId) { edges { node { title status direction vision { version statement } comfort { meanComfort people hiddenBecause } } } } }', {
      teamId: maths.teamId,
    }),
    '',
    'As the staff member, the first journey’s timeline (their peers’ comfort is hidden):',
    curl(url, tokens.staff, outcome.organisationId, 'query($journeyId: ID!) { journeyTimeline(journeyId: $journeyId, first: 20) { edges { node { at summary comfortHiddenBecause } } } }', {
      journeyId: feedback.journeyId,
    }),
    '',
    'As the admin, the first journey as it stood halfway through:',
    curl(url, tokens.admin, outcome.organisationId, 'query($id: ID!, $asOf: DateTime) { journey(id: $id, asOf: $asOf) { title status direction vision { version statement } steps { title status } reflectionCount } }', {
      id: feedback.journeyId,
      asOf: midway,
    }),
    '',
  ];
  return lines.join('\n');
};
