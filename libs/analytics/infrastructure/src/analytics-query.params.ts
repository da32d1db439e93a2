/** Building analytics SQL: named parameters, the scope as a WHERE clause, instants and persons. */
import type { AnalyticsScope } from '@stepwise/analytics-application/read';

/**
 * Numbered parameters, each value added once under a name and its placeholder reused wherever the
 * statement needs it. A value is added only when first used, so a statement binds exactly the
 * parameters it references.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly placeholders = new Map<string, string>();

  /** The placeholder of `name`, adding `value` the first time (an instant as ISO text, which every driver and realm reads alike). */
  named(name: string, value: unknown): string {
    let placeholder = this.placeholders.get(name);
    if (!placeholder) {
      this.values.push(value instanceof Date ? value.toISOString() : value);
      placeholder = `$${this.values.length}`;
      this.placeholders.set(name, placeholder);
    }
    return placeholder;
  }
}

/**
 * The rows of a scope, by `alias`'s journey_id or team_id; the tenant column always leads, so each
 * query walks an index that starts (tenant_id, journey_id | team_id, …).
 */
export const scopeClause = (alias: string, scope: AnalyticsScope, params: SqlParams, tenantId: string): string => {
  const tenant = `${alias}.tenant_id = ${params.named('tenant', tenantId)}`;
  if (scope.kind === 'journey') return `${tenant} AND ${alias}.journey_id = ${params.named('journey', scope.journeyId)}`;
  if (scope.kind === 'team') return `${tenant} AND ${alias}.team_id = ${params.named('team', scope.teamId)}`;
  return tenant;
};

/** The team side of a scope (memberships carry no journey): the journey's team, the team, or all. */
export const teamScopeClause = (alias: string, scope: AnalyticsScope, params: SqlParams, tenantId: string): string => {
  const tenant = `${alias}.tenant_id = ${params.named('tenant', tenantId)}`;
  return scope.kind === 'organisation' ? tenant : `${tenant} AND ${alias}.team_id = ${params.named('team', scope.teamId)}`;
};

/** An instant as whole milliseconds since the epoch (null stays null): what the JSON answers carry, read back with `new Date(ms)`. */
export const epochMsSql = (column: string): string => `floor(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * The person behind `alias`.member_id: their login subject, from the organisation's members (kept
 * after they leave). Someone removed and added again answers under a new member id; counted by id,
 * they would be two people towards the minimum group size, and their own answers could be told
 * apart by the one who knows the rest. A member id the directory does not know stands for itself.
 */
export const personOfSql = (alias: string): string => `COALESCE(${alias}_person.subject, ${alias}.member_id)`;

/** The join personOfSql reads: the organisation's member row of `alias` (one with tenant_id and member_id), as `<alias>_person`. */
export const personJoinSql = (alias: string): string =>
  `LEFT JOIN org_members ${alias}_person ON ${alias}_person.tenant_id = ${alias}.tenant_id AND ${alias}_person.member_id = ${alias}.member_id`;
