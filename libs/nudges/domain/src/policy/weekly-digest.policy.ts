/**
 * The weekly digest: on Monday at 09:00 in each leader's timezone, their teams' journeys in a few
 * lines (closer rate, comfort, steps taken over the last 7 days, open support requests). Time, not
 * an event, makes it owed, so the worker ticks `decideWeeklyDigests` with its clock; one digest per
 * leader per week (the week is in the dedupe key), however often it ticks.
 */
import { addLocalDays, localDateOf, weekdayOf } from '@stepwise/kernel';
import type { OwedNudge } from '../owed-nudge';
import type { PolicyDecision } from './policy.decision';
import { address, type NudgeIntent } from './nudge.addressing';
import { instantAtLocal, knownTimezone } from './local-time';
import { own, type JourneyDocument, type PolicyState, type TeamDocument } from './policy.state';
import { activityIn, type ActivityTotals } from './recent-activity';
import { writableThroughout } from './subscription-lapse.policy';

/** Monday 09:00, local. */
export const DIGEST_MINUTES_AFTER_MIDNIGHT = 9 * 60;

/** A time-made nudge has no causing event: its position is 0. */
export const NO_CAUSING_POSITION = '0';

export interface JourneyDigest {
  readonly journeyId: string;
  readonly title: string;
  readonly yes: number;
  readonly no: number;
  readonly unsure: number;
  /** YES / (YES + NO), null without either. */
  readonly closerRate: number | null;
  /** Mean comfort, one decimal, null without reflections. */
  readonly comfortMean: number | null;
  readonly stepsTaken: number;
  readonly openSupport: number;
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** One journey's figures from its activity in the digest's window. */
const digestOf = (journey: JourneyDocument, { yes, no, unsure, reflections, comfort, steps }: ActivityTotals): JourneyDigest => ({
  journeyId: journey.journeyId,
  title: journey.title,
  yes,
  no,
  unsure,
  closerRate: yes + no === 0 ? null : round(yes / (yes + no), 2),
  comfortMean: reflections === 0 ? null : round(comfort / reflections, 1),
  stepsTaken: steps,
  openSupport: Object.keys(journey.openSupport).length,
});

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One journey's line; `withComfort` false leaves its mean comfort out (the line as it leaves Stepwise, DIGEST_LINES_OUTSIDE_FACT). */
export const digestLine = (digest: JourneyDigest, withComfort = true): string =>
  [
    `${digest.title}: closer ${digest.yes}/${digest.yes + digest.no}${digest.closerRate === null ? '' : ` (${Math.round(digest.closerRate * 100)}%)`}`,
    ...(digest.unsure > 0 ? [`${digest.unsure} unsure`] : []),
    ...(withComfort ? [`comfort ${digest.comfortMean ?? 'n/a'}`] : []),
    `${plural(digest.stepsTaken, 'step')} taken`,
    `${plural(digest.openSupport, 'open support request')}`,
  ].join(', ');

/** The Monday starting the week that holds `now` where the leader is, and its 09:00. */
export const digestWeekOf = (now: Date, timezone: string): { readonly week: string; readonly dueAt: Date } => {
  const today = localDateOf(now, timezone);
  const week = addLocalDays(today, -weekdayOf(today));
  return { week, dueAt: instantAtLocal(week, DIGEST_MINUTES_AFTER_MIDNIGHT, timezone) };
};

/**
 * The teams a digest reports on, as one fact (facts are flat): delivery confirms its recipient still
 * leads each of them before sending figures about their journeys.
 */
export const DIGEST_TEAMS_FACT = 'teamIds';

/**
 * The per-journey lines without their mean comfort, for the digest as email and Slack carry it: a
 * journey's mean over a week may be one or two people's comfort, and those channels pass through what
 * an admin sets up or can redirect (the organisation's SMTP server, the team's Slack bot, the
 * leader's addresses). In Stepwise the leader reads the lines whole (`lines`).
 */
export const DIGEST_LINES_OUTSIDE_FACT = 'linesOutside';

const encodeDigestTeams = (teamIds: readonly string[]): string => JSON.stringify(teamIds);

/**
 * The teams `nudge` (a weekly digest) reports on; undefined for a digest decided before they were
 * recorded (its week, and so its delivery, ends within seven days of its Monday).
 */
export const digestTeamsOf = (nudge: OwedNudge): readonly string[] | undefined => {
  const fact = nudge.facts[DIGEST_TEAMS_FACT];
  if (typeof fact !== 'string') return undefined;
  try {
    const teamIds: unknown = JSON.parse(fact);
    return Array.isArray(teamIds) ? teamIds.filter((teamId): teamId is string => typeof teamId === 'string') : [];
  } catch {
    // Unreadable: it names no team the recipient can be confirmed to lead.
    return [];
  }
};

/** Whether `leaderId` led `team` at `at` (a leader whose start was not kept has led it all along). */
const ledAt = (team: TeamDocument | undefined, leaderId: string, at: Date): boolean => {
  const since = team?.leadingSince && own(team.leadingSince, leaderId);
  return since === undefined || Date.parse(since) <= at.getTime();
};

/** The teams each member leads, among the loaded teams. */
const ledTeams = (state: PolicyState): Map<string, string[]> => {
  const leads = new Map<string, string[]>();
  for (const team of Object.values(state.teams)) {
    for (const [memberId, role] of Object.entries(team.members)) {
      if (role === 'LEADER') leads.set(memberId, [...(leads.get(memberId) ?? []), team.teamId]);
    }
  }
  return leads;
};

/**
 * The digests owed at `now`: for each leader whose Monday 09:00 has come this week, one about the
 * journeys of the teams they lead that are writable (given the organisation's teams, their leaders
 * and their journeys); a leader whose teams are all read-only is owed none.
 */
export const decideWeeklyDigests = (state: PolicyState, organisationId: string, now: Date): PolicyDecision[] => {
  const decisions: PolicyDecision[] = [];
  for (const [leaderId, teamIds] of [...ledTeams(state)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const leader = own(state.members, leaderId);
    if (!leader?.inOrganisation) continue;
    const timezone = knownTimezone(leader.timezone);
    const { week, dueAt } = digestWeekOf(now, timezone);
    if (now.getTime() < dueAt.getTime()) continue;
    // A team read-only at the digest's time (or writable again only since) is left out until its next Monday.
    // So is a team they did not lead yet at that time: its digest comes to them from their first Monday as its leader.
    const reported = teamIds.filter((teamId) => writableThroughout(own(state.teams, teamId), dueAt) && ledAt(own(state.teams, teamId), leaderId, dueAt));
    const journeyIds = [...new Set(reported.flatMap((teamId) => own(state.teams, teamId)?.journeyIds ?? []))];
    const journeys = journeyIds
      .map((journeyId) => own(state.journeys, journeyId))
      .filter((journey): journey is JourneyDocument => journey !== undefined && journey.status !== 'COMPLETED' && journey.status !== 'ABANDONED')
      .sort((a, b) => a.title.localeCompare(b.title) || (a.journeyId < b.journeyId ? -1 : 1));
    if (journeys.length === 0) continue;
    const from = instantAtLocal(addLocalDays(week, -7), DIGEST_MINUTES_AFTER_MIDNIGHT, timezone);
    const inWindow = journeys.map((journey) => activityIn(journey.recent, from, dueAt));
    const digests = journeys.map((journey, index) => digestOf(journey, inWindow[index]));
    const sum = (field: 'yes' | 'no' | 'unsure' | 'stepsTaken' | 'openSupport'): number => digests.reduce((total, digest) => total + digest[field], 0);
    const reflections = inWindow.reduce((total, activity) => total + activity.reflections, 0);
    const comfort = inWindow.reduce((total, activity) => total + activity.comfort, 0);
    const [yes, no] = [sum('yes'), sum('no')];
    const intent: NudgeIntent = {
      rule: 'WEEKLY_DIGEST',
      audience: { kind: 'member', memberId: leaderId },
      subject: { journeyId: null, teamId: null, subjectId: `week-${week}` },
      scheduledAt: dueAt,
      facts: {
        week,
        [DIGEST_TEAMS_FACT]: encodeDigestTeams([...new Set(journeys.map((journey) => journey.teamId))].sort()),
        journeys: journeys.length,
        yes,
        no,
        unsure: sum('unsure'),
        closerRate: yes + no === 0 ? null : round(yes / (yes + no), 2),
        comfortMean: reflections === 0 ? null : round(comfort / reflections, 1),
        stepsTaken: sum('stepsTaken'),
        openSupport: sum('openSupport'),
        lines: digests.map((digest) => digestLine(digest)).join('\n'),
        [DIGEST_LINES_OUTSIDE_FACT]: digests.map((digest) => digestLine(digest, false)).join('\n'),
      },
    };
    decisions.push(...address(state, organisationId, NO_CAUSING_POSITION, intent));
  }
  return decisions;
};
