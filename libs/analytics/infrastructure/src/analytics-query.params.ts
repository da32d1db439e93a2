/** Building analytics SQL: numbered parameters, the scope as a WHERE clause, weeks in a timezone. */
import type { AnalyticsScope } from '@stepwise/analytics-application/read';

export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The rows of a scope, by `alias`'s journey_id or team_id; the tenant column always leads, so each
 * query walks an index that starts (tenant_id, journey_id | team_id, …).
 */
export const scopeClause = (alias: string, scope: AnalyticsScope, params: SqlParams, tenantId: string): string => {
  const tenant = `${alias}.tenant_id = ${params.add(tenantId)}`;
  if (scope.kind === 'journey') return `${tenant} AND ${alias}.journey_id = ${params.add(scope.journeyId)}`;
  if (scope.kind === 'team') return `${tenant} AND ${alias}.team_id = ${params.add(scope.teamId)}`;
  return tenant;
};

/** The team side of a scope (memberships carry no journey): the journey's team, the team, or all. */
export const teamScopeClause = (alias: string, scope: AnalyticsScope, params: SqlParams, tenantId: string): string => {
  const tenant = `${alias}.tenant_id = ${params.add(tenantId)}`;
  return scope.kind === 'organisation' ? tenant : `${tenant} AND ${alias}.team_id = ${params.add(scope.teamId)}`;
};

/** The Monday (local date) of the week holding `column` in the timezone placeholder: date_trunc('week') is ISO, so Monday. */
export const weekOfSql = (column: string, timezone: string): string => `to_char(date_trunc('week', ${column} AT TIME ZONE ${timezone}), 'YYYY-MM-DD')`;
