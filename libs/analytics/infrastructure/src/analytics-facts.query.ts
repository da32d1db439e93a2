/**
 * One analytics read as one SQL statement: each figure is a fragment (common table expressions and
 * named fields of the answer) over the scope and window, and the statement answers a single JSON
 * object, so a query costs one round trip however many figures it holds.
 */
import type { AnalyticsReadSettings, AnalyticsScope } from '@stepwise/analytics-application/read';
import { midnightOf, participationWindow, stalledCutoff, weekBuckets, type AnalyticsWindow, type WeekBucket } from '@stepwise/analytics-domain';
import { addLocalDays, localDateOf } from '@stepwise/kernel';
import { scopeClause, SqlParams, teamScopeClause } from './analytics-query.params';

export interface FactsInput {
  readonly tenantId: string;
  readonly scope: AnalyticsScope;
  readonly window: AnalyticsWindow;
  readonly settings: AnalyticsReadSettings;
  readonly now: Date;
}

/** What a fragment adds to the statement: its CTEs, in order, and its fields of the answer. */
export interface FactsFragment {
  readonly ctes?: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

/** The statement being built: the parameters (each added once, when first used) and the scope's clauses. */
export class FactsQuery {
  readonly params = new SqlParams();
  /** The window's weeks, found once for every fragment that places rows in them. */
  private weeks: readonly WeekBucket[] | undefined;

  constructor(
    readonly schema: string,
    readonly input: FactsInput,
  ) {}

  get scope(): AnalyticsScope {
    return this.input.scope;
  }

  get aboveOneTeam(): boolean {
    return this.input.scope.kind === 'organisation';
  }

  table(name: string): string {
    return `${this.schema}.${name}`;
  }

  /** `alias`'s rows within the scope. */
  rows(alias: string): string {
    return scopeClause(alias, this.input.scope, this.params, this.input.tenantId);
  }

  /** `alias`'s rows within the scope's team (or all teams), for tables that carry no journey. */
  teamRows(alias: string): string {
    return teamScopeClause(alias, this.input.scope, this.params, this.input.tenantId);
  }

  get tenant(): string {
    return this.params.named('tenant', this.input.tenantId);
  }

  get from(): string {
    return this.params.named('from', this.input.window.from);
  }

  get to(): string {
    return this.params.named('to', this.input.window.to);
  }

  /**
   * The week (the local date of its Monday) holding `column`, a row inside the window: found among
   * the window's week bounds as this process's timezone rules place them, the bounds the answer
   * reports and judges weeks finished by. The database's own rules are never asked: its timezone
   * data and the runtime's can disagree about a zone's offset (a zone whose rules changed lately),
   * and a row must fall in the week whose bounds are shown.
   */
  weekOf(column: string): string {
    const weeks = (this.weeks ??= weekBuckets(this.input.window.from, this.input.window.to, this.input.settings.timezone));
    const starts = this.params.named('weekStarts', weeks.map((week) => week.start.toISOString()));
    const labels = this.params.named('weekLabels', weeks.map((week) => week.week));
    // Each week starts at the first instant of its Monday, so no row of the window is before the first start; were one, it would be in the first week, never in none.
    return `(${labels}::text[])[GREATEST(width_bucket(${column}, ${starts}::timestamptz[]), 1)]`;
  }

  /** Today's date in the organisation's timezone (by the runtime's rules, as weekOf), for what falls due at its midnight. */
  get today(): string {
    return this.params.named('today', localDateOf(this.input.now, this.input.settings.timezone));
  }

  /** The next midnight after now in the organisation's timezone, as epoch milliseconds. */
  get nextMidnightMs(): string {
    const tomorrow = addLocalDays(localDateOf(this.input.now, this.input.settings.timezone), 1);
    return this.params.named('nextMidnightMs', midnightOf(tomorrow, this.input.settings.timezone).getTime());
  }

  get now(): string {
    return this.params.named('now', this.input.now);
  }

  get reflectionWindowHours(): string {
    return this.params.named('reflectionWindowHours', this.input.settings.reflectionWindowHours);
  }

  get stalledAfterDays(): string {
    return this.params.named('stalledAfterDays', this.input.settings.stalledAfterDays);
  }

  /** The window ends at the clock (not before nor after it), so it moves with it. */
  get windowEndsNow(): boolean {
    return this.input.window.to.getTime() === this.input.now.getTime();
  }

  /** The participation days end at the clock: the window is still open. */
  get participationEndsNow(): boolean {
    return this.input.window.to >= this.input.now;
  }

  get stalledCutoff(): string {
    return this.params.named('stalledCutoff', stalledCutoff(this.input.now, this.input.settings.stalledAfterDays));
  }

  /** The participation days: the 7 days up to the window's end, or up to now while it is open. */
  private get participation(): { from: Date; to: Date } {
    const { window, now } = this.input;
    return participationWindow(window.to < now ? window.to : now);
  }

  get participationFrom(): string {
    return this.params.named('participationFrom', this.participation.from);
  }

  get participationTo(): string {
    return this.params.named('participationTo', this.participation.to);
  }
}

/** The fragments joined: `WITH …, … SELECT json_build_object(…) AS facts`. */
export const factsStatement = (fragments: readonly FactsFragment[]): string => {
  const ctes = fragments.flatMap((fragment) => fragment.ctes ?? []);
  const fields = fragments.flatMap((fragment) => Object.entries(fragment.fields)).map(([name, sql]) => `'${name}', ${sql}`);
  const select = `SELECT json_build_object(\n${fields.join(',\n')}) AS facts`;
  return ctes.length === 0 ? select : `WITH ${ctes.join(',\n')}\n${select}`;
};
