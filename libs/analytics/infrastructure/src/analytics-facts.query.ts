/**
 * One analytics read as one SQL statement: each figure is a fragment (common table expressions and
 * named fields of the answer) over the scope and window, and the statement answers a single JSON
 * object, so a query costs one round trip however many figures it holds.
 */
import type { AnalyticsReadSettings, AnalyticsScope } from '@stepwise/analytics-application/read';
import { participationWindow, stalledCutoff, type AnalyticsWindow } from '@stepwise/analytics-domain';
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

  get timezone(): string {
    return this.params.named('timezone', this.input.settings.timezone);
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
