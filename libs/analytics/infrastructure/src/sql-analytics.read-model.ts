/**
 * Analytics queries over the fact tables, through the RLS-scoped reader. Each figure is one indexed
 * statement over a scope and window: counts and medians (percentile_cont) are computed by the
 * database, weeks are bucketed in the organisation's timezone at query time.
 */
import {
  ANALYTICS_LIST_LIMIT,
  type AnalyticsFacts,
  type AnalyticsReadModel,
  type AnalyticsReadSettings,
  type AnalyticsScope,
  type JourneyAttentionRow,
  type JourneyReflectionRow,
  type PivotRow,
} from '@stepwise/analytics-application/read';
import { stalledCutoff, type AnalyticsWindow, type JourneyActivity } from '@stepwise/analytics-domain';
import type { SqlExecutor, TenantReader } from '@stepwise/database';
import { scopeClause, SqlParams, teamScopeClause, weekOfSql } from './analytics-query.params';
import { LIVE_ANALYTICS_SCHEMA } from './analytics.schema';
import { DIRECTION_COLUMNS, directionByWeek, toDirectionSummary, type DirectionCountsRow, type WindowArgs } from './direction-facts.sql';

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

interface JourneyRow {
  journey_id: string;
  title: string;
  status: JourneyActivity['status'];
  started_at: Date;
  last_step_taken_at: Date | null;
}

const activityOf = (row: JourneyRow): JourneyActivity => ({ status: row.status, startedAt: new Date(row.started_at), lastStepTakenAt: date(row.last_step_taken_at) });

const toPivot = (row: { pivot_id: string; journey_id: string; at: Date; first_no_at: Date | null }): PivotRow => ({
  pivotId: row.pivot_id,
  journeyId: row.journey_id,
  at: new Date(row.at),
  firstNoAt: date(row.first_no_at),
});

export class SqlAnalyticsReadModel implements AnalyticsReadModel {
  constructor(
    private readonly reader: TenantReader,
    private readonly schema: string = LIVE_ANALYTICS_SCHEMA,
  ) {}

  facts(tenantId: string, scope: AnalyticsScope, window: AnalyticsWindow, settings: AnalyticsReadSettings, now: Date): Promise<AnalyticsFacts> {
    return this.reader.read(tenantId, async (tx) => {
      const args: WindowArgs = { tenantId, scope, from: window.from, to: window.to, timezone: settings.timezone };
      const direction = await directionByWeek(tx, this.schema, args);
      const steps = await this.steps(tx, args, settings, now);
      const pivots = await this.pivots(tx, args);
      const revisions = scope.kind === 'organisation' ? [] : await this.revisions(tx, args);
      const attention = scope.kind === 'organisation' ? [] : await this.attention(tx, args, now);
      const around = new Set([...pivots.items, ...revisions, ...attention.filter((row) => row.lastRevisionAt)].map((row) => row.journeyId));
      const reflectionsAround = await this.reflectionsOf(tx, tenantId, [...around]);
      const pivotsAround = await this.pivotsOf(tx, tenantId, [...new Set(pivots.items.map((pivot) => pivot.journeyId))]);
      const until = window.to < now ? window.to : now;
      const participation = await this.participation(tx, args, until);
      const stalled = await this.stalled(tx, args, stalledCutoff(now, settings.stalledAfterDays));
      const support = await this.support(tx, args);
      const commitments = await this.commitments(tx, args, now);
      const teams = scope.kind === 'organisation' ? await this.teams(tx, args) : [];
      return {
        direction: direction.total,
        weeks: [...new Set([...direction.weeks.keys(), ...steps.weekly.keys()])].map((week) => ({
          week,
          direction: direction.weeks.get(week) ?? toDirectionSummary(undefined),
          stepsTaken: steps.weekly.get(week) ?? 0,
        })),
        stepsTaken: steps.taken,
        openSteps: steps.open,
        overdueSteps: steps.overdue,
        loopDiscipline: steps.loop,
        pivotCount: pivots.count,
        pivotMedianHoursFromFirstNo: pivots.median,
        pivots: scope.kind === 'organisation' ? [] : pivots.items,
        reflectionsAround,
        pivotsAround,
        revisions,
        participation: { members: participation.members, reflected: participation.reflected, share: participation.members === 0 ? null : participation.reflected / participation.members },
        participationPeople: participation.reflected,
        stalledCount: stalled.count,
        stalled: stalled.journeys,
        openSupportCount: support.count,
        openSupport: support.requests,
        commitments,
        attention,
        teams,
      };
    });
  }

  private async steps(tx: SqlExecutor, args: WindowArgs, settings: AnalyticsReadSettings, now: Date) {
    const params = new SqlParams();
    const where = scopeClause('s', args.scope, params, args.tenantId);
    const tz = params.add(args.timezone);
    const inWindow = `s.taken_at >= ${params.add(args.from)} AND s.taken_at < ${params.add(args.to)}`;
    const weekly = await tx.query<{ week: string; taken: number }>(
      `SELECT ${weekOfSql('s.taken_at', tz)} AS week, count(*)::int AS taken FROM ${this.schema}.steps s WHERE ${where} AND ${inWindow} GROUP BY 1`,
      params.values,
    );
    const loopParams = new SqlParams();
    const loopWhere = scopeClause('s', args.scope, loopParams, args.tenantId);
    const loop = await tx.query<{ taken: number; in_window: number; median_hours: number | null }>(
      `SELECT count(*)::int AS taken,
              count(*) FILTER (WHERE s.first_owner_reflection_at <= s.taken_at + make_interval(hours => ${loopParams.add(settings.reflectionWindowHours)}::int))::int AS in_window,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_owner_reflection_at - s.taken_at) / 3600) AS median_hours
       FROM ${this.schema}.steps s WHERE ${loopWhere} AND s.taken_at >= ${loopParams.add(args.from)} AND s.taken_at < ${loopParams.add(args.to)}`,
      loopParams.values,
    );
    const openParams = new SqlParams();
    const openWhere = scopeClause('s', args.scope, openParams, args.tenantId);
    const open = await tx.query<{ open: number; overdue: number }>(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE s.due_on < (${openParams.add(now)}::timestamptz AT TIME ZONE ${openParams.add(args.timezone)})::date)::int AS overdue
       FROM ${this.schema}.steps s WHERE ${openWhere} AND s.status = 'PLANNED'`,
      openParams.values,
    );
    const taken = num(loop.rows[0]?.taken);
    const reflectedInWindow = num(loop.rows[0]?.in_window);
    return {
      weekly: new Map(weekly.rows.map((row) => [row.week, num(row.taken)])),
      taken,
      open: num(open.rows[0]?.open),
      overdue: num(open.rows[0]?.overdue),
      loop: { stepsTaken: taken, reflectedInWindow, share: taken === 0 ? null : reflectedInWindow / taken, medianHoursToReflection: numOrNull(loop.rows[0]?.median_hours) },
    };
  }

  private async pivots(tx: SqlExecutor, args: WindowArgs) {
    const params = new SqlParams();
    const where = `${scopeClause('p', args.scope, params, args.tenantId)} AND p.at >= ${params.add(args.from)} AND p.at < ${params.add(args.to)}`;
    const summary = await tx.query<{ count: number; median: number | null }>(
      `SELECT count(*)::int AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.at - p.first_no_at) / 3600) AS median
       FROM ${this.schema}.pivots p WHERE ${where}`,
      params.values,
    );
    const items = await tx.query<{ pivot_id: string; journey_id: string; at: Date; first_no_at: Date | null }>(
      `SELECT p.pivot_id, p.journey_id, p.at, p.first_no_at FROM ${this.schema}.pivots p WHERE ${where} ORDER BY p.at DESC, p.pivot_id LIMIT ${ANALYTICS_LIST_LIMIT}`,
      params.values,
    );
    return { count: num(summary.rows[0]?.count), median: numOrNull(summary.rows[0]?.median), items: items.rows.map(toPivot) };
  }

  private async revisions(tx: SqlExecutor, args: WindowArgs) {
    const params = new SqlParams();
    const { rows } = await tx.query<{ journey_id: string; version: number; at: Date }>(
      `SELECT v.journey_id, v.version, v.at FROM ${this.schema}.vision_revisions v
       WHERE ${scopeClause('v', args.scope, params, args.tenantId)} AND v.at >= ${params.add(args.from)} AND v.at < ${params.add(args.to)}
       ORDER BY v.at, v.journey_id LIMIT ${ANALYTICS_LIST_LIMIT}`,
      params.values,
    );
    return rows.map((row) => ({ journeyId: row.journey_id, version: num(row.version), at: new Date(row.at) }));
  }

  private async reflectionsOf(tx: SqlExecutor, tenantId: string, journeyIds: string[]): Promise<JourneyReflectionRow[]> {
    if (journeyIds.length === 0) return [];
    const { rows } = await tx.query<{ journey_id: string; closer: JourneyReflectionRow['closer']; comfort: number; at: Date }>(
      `SELECT r.journey_id, r.closer, r.comfort, r.at FROM ${this.schema}.reflections r WHERE r.tenant_id = $1 AND r.journey_id = ANY($2) ORDER BY r.at, r.reflection_id`,
      [tenantId, journeyIds],
    );
    return rows.map((row) => ({ journeyId: row.journey_id, closer: row.closer, comfort: num(row.comfort), at: new Date(row.at) }));
  }

  private async pivotsOf(tx: SqlExecutor, tenantId: string, journeyIds: string[]): Promise<PivotRow[]> {
    if (journeyIds.length === 0) return [];
    const { rows } = await tx.query<{ pivot_id: string; journey_id: string; at: Date; first_no_at: Date | null }>(
      `SELECT p.pivot_id, p.journey_id, p.at, p.first_no_at FROM ${this.schema}.pivots p WHERE p.tenant_id = $1 AND p.journey_id = ANY($2) ORDER BY p.at`,
      [tenantId, journeyIds],
    );
    return rows.map(toPivot);
  }

  private async attention(tx: SqlExecutor, args: WindowArgs, now: Date): Promise<JourneyAttentionRow[]> {
    const params = new SqlParams();
    const where = scopeClause('j', args.scope, params, args.tenantId);
    const { rows } = await tx.query<
      JourneyRow & { last_pivot_at: Date | null; recent: { closer: 'YES' | 'NO' | 'UNSURE'; at: string }[] | null; support: string[] | null; last_revision_at: Date | null; overdue: number }
    >(
      `SELECT j.journey_id, j.title, j.status, j.started_at, j.last_step_taken_at, j.last_pivot_at,
         (SELECT json_agg(x ORDER BY x.at DESC) FROM (SELECT r.closer, r.at FROM ${this.schema}.reflections r
            WHERE r.tenant_id = j.tenant_id AND r.journey_id = j.journey_id ORDER BY r.at DESC, r.reflection_id DESC LIMIT 4) x) AS recent,
         (SELECT json_agg(s.requested_at ORDER BY s.requested_at) FROM ${this.schema}.support_requests s
            WHERE s.tenant_id = j.tenant_id AND s.journey_id = j.journey_id AND s.offered_at IS NULL) AS support,
         (SELECT max(v.at) FROM ${this.schema}.vision_revisions v WHERE v.tenant_id = j.tenant_id AND v.journey_id = j.journey_id) AS last_revision_at,
         (SELECT count(*)::int FROM ${this.schema}.commitments c
            LEFT JOIN ${this.schema}.member_timezones mt ON mt.tenant_id = c.tenant_id AND mt.member_id = c.member_id
            WHERE c.tenant_id = j.tenant_id AND c.journey_id = j.journey_id AND c.status = 'OPEN'
              AND c.due_on < (${params.add(now)}::timestamptz AT TIME ZONE COALESCE(mt.timezone, 'UTC'))::date) AS overdue
       FROM ${this.schema}.journeys j WHERE ${where} AND j.status IN ('ACTIVE', 'PAUSED')
       ORDER BY j.started_at, j.journey_id LIMIT ${ANALYTICS_LIST_LIMIT}`,
      params.values,
    );
    return rows.map((row) => ({
      journeyId: row.journey_id,
      title: row.title,
      activity: activityOf(row),
      recentReflections: (row.recent ?? []).map((r) => ({ closer: r.closer, at: new Date(r.at) })),
      lastPivotAt: date(row.last_pivot_at),
      lastRevisionAt: date(row.last_revision_at),
      openSupportRequestedAt: (row.support ?? []).map((at) => new Date(at)),
      overdueCommitments: num(row.overdue),
    }));
  }

  private async participation(tx: SqlExecutor, args: WindowArgs, until: Date) {
    const params = new SqlParams();
    const from = params.add(new Date(until.getTime() - 7 * 86_400_000));
    const to = params.add(until);
    const memberWhere = teamScopeClause('m', args.scope, params, args.tenantId);
    const reflectionWhere = scopeClause('r', args.scope, params, args.tenantId);
    const { rows } = await tx.query<{ members: number; reflected: number }>(
      `WITH members AS (
         SELECT DISTINCT m.member_id FROM ${this.schema}.memberships m
         WHERE ${memberWhere} AND m.joined_at < ${to} AND (m.left_at IS NULL OR m.left_at > ${from}))
       SELECT (SELECT count(*)::int FROM members) AS members,
              (SELECT count(DISTINCT r.member_id)::int FROM ${this.schema}.reflections r
               WHERE ${reflectionWhere} AND r.at >= ${from} AND r.at < ${to} AND r.member_id IN (SELECT member_id FROM members)) AS reflected`,
      params.values,
    );
    return { members: num(rows[0]?.members), reflected: num(rows[0]?.reflected) };
  }

  private async stalled(tx: SqlExecutor, args: WindowArgs, cutoff: Date) {
    const params = new SqlParams();
    const where = `${scopeClause('j', args.scope, params, args.tenantId)} AND j.status = 'ACTIVE' AND COALESCE(j.last_step_taken_at, j.started_at) <= ${params.add(cutoff)}`;
    const count = await tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${this.schema}.journeys j WHERE ${where}`, params.values);
    const { rows } = await tx.query<JourneyRow>(
      `SELECT j.journey_id, j.title, j.status, j.started_at, j.last_step_taken_at FROM ${this.schema}.journeys j WHERE ${where}
       ORDER BY COALESCE(j.last_step_taken_at, j.started_at), j.journey_id LIMIT ${ANALYTICS_LIST_LIMIT}`,
      params.values,
    );
    return { count: num(count.rows[0]?.count), journeys: rows.map((row) => ({ journeyId: row.journey_id, title: row.title, activity: activityOf(row) })) };
  }

  private async support(tx: SqlExecutor, args: WindowArgs) {
    const params = new SqlParams();
    const where = `${scopeClause('s', args.scope, params, args.tenantId)} AND s.offered_at IS NULL`;
    const count = await tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${this.schema}.support_requests s WHERE ${where}`, params.values);
    const { rows } = await tx.query<{ journey_id: string; request_id: string; requested_at: Date }>(
      `SELECT s.journey_id, s.request_id, s.requested_at FROM ${this.schema}.support_requests s WHERE ${where}
       ORDER BY s.requested_at, s.request_id LIMIT ${ANALYTICS_LIST_LIMIT}`,
      params.values,
    );
    return {
      count: num(count.rows[0]?.count),
      requests: rows.map((row) => ({ journeyId: row.journey_id, requestId: row.request_id, requestedAt: new Date(row.requested_at) })),
    };
  }

  private async commitments(tx: SqlExecutor, args: WindowArgs, now: Date) {
    const params = new SqlParams();
    const where = scopeClause('c', args.scope, params, args.tenantId);
    const resolvedInWindow = `c.resolved_at >= ${params.add(args.from)} AND c.resolved_at < ${params.add(args.to)}`;
    const { rows } = await tx.query<{ kept: number; missed: number; open: number; overdue: number }>(
      `SELECT count(*) FILTER (WHERE c.status = 'KEPT' AND ${resolvedInWindow})::int AS kept,
              count(*) FILTER (WHERE c.status = 'MISSED' AND ${resolvedInWindow})::int AS missed,
              count(*) FILTER (WHERE c.status = 'OPEN')::int AS open,
              count(*) FILTER (WHERE c.status = 'OPEN' AND c.due_on < (${params.add(now)}::timestamptz AT TIME ZONE COALESCE(mt.timezone, 'UTC'))::date)::int AS overdue
       FROM ${this.schema}.commitments c
       LEFT JOIN ${this.schema}.member_timezones mt ON mt.tenant_id = c.tenant_id AND mt.member_id = c.member_id
       WHERE ${where}`,
      params.values,
    );
    return { kept: num(rows[0]?.kept), missed: num(rows[0]?.missed), open: num(rows[0]?.open), overdue: num(rows[0]?.overdue) };
  }

  private async teams(tx: SqlExecutor, args: WindowArgs) {
    const params = new SqlParams();
    const { rows } = await tx.query<DirectionCountsRow & { team_id: string; name: string }>(
      `SELECT t.team_id, t.name, ${DIRECTION_COLUMNS}
       FROM teams t LEFT JOIN ${this.schema}.reflections r
         ON r.tenant_id = t.tenant_id AND r.team_id = t.team_id AND r.at >= ${params.add(args.from)} AND r.at < ${params.add(args.to)}
       WHERE t.tenant_id = ${params.add(args.tenantId)}
       GROUP BY t.team_id, t.name ORDER BY t.name, t.team_id`,
      params.values,
    );
    return rows.map((row) => ({ teamId: row.team_id, name: row.name, direction: toDirectionSummary(row) }));
  }
}
