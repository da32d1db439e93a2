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
  // Analytics over the demo's six months, not the default twelve weeks before today.
  const window = { from: outcome.from.toISOString(), to: outcome.until.toISOString() };
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
    'Start the server (`npm start`); the read models and analytics catch up with the demo on boot. Then, as the leader, their team’s analytics over the six months:',
    curl(
      url,
      tokens.leader,
      outcome.organisationId,
      'query($teamId: ID!, $from: DateTime, $to: DateTime) { teamAnalytics(teamId: $teamId, from: $from, to: $to) { ' +
        'direction { yes no unsure closerRate comfortMean quadrants { flowing stretching stuck coasting } } momentum { stepsTaken openSteps overdueSteps } ' +
        'pivots { count medianHoursFromFirstNo } transitionDips { visionVersion trough weeksToRecover recovered } ' +
        'support { open oldestAgeHours } commitments { kept missed open overdue } attention { code message } } }',
      { teamId: maths.teamId, from: window.from, to: window.to },
    ),
    '',
    'As the staff member, the first journey as it stood halfway through (time travel; a peer’s comfort is hidden):',
    curl(
      url,
      tokens.staff,
      outcome.organisationId,
      'query($id: ID!, $asOf: DateTime) { journey(id: $id, asOf: $asOf) { title status direction vision { version statement } ' +
        'steps { title status } reflectionCount lastReflection { memberId closer comfort comfortHiddenBecause } } }',
      { id: feedback.journeyId, asOf: midway },
    ),
    '',
    'As the admin, the whole organisation, team by team:',
    curl(
      url,
      tokens.admin,
      outcome.organisationId,
      'query($from: DateTime, $to: DateTime) { organisationAnalytics(from: $from, to: $to) { ' +
        'teams { name direction { closerRate comfortMean people suppression { suppressed reason } } } stalled { count journeys { title daysWithoutStep } } } }',
      window,
    ),
    '',
  ];
  return lines.join('\n');
};
