/**
 * Analytics queries over the fact tables, through the RLS-scoped reader: one statement per read,
 * answering every figure of the scope and window as one JSON object. Counts and medians
 * (percentile_cont) are computed by the database, weeks are bucketed in the organisation's timezone
 * at query time; each figure's SQL is a fragment of its own (direction-facts, step-facts,
 * change-facts, open-work).
 */
import type { AnalyticsFacts, AnalyticsReadModel, AnalyticsReadSettings, AnalyticsScope } from '@stepwise/analytics-application/read';
import type { AnalyticsWindow } from '@stepwise/analytics-domain';
import type { TenantReader } from '@stepwise/database';
import { decodeFacts, type FactsJson } from './analytics-facts.decode';
import { FactsQuery, factsStatement, type FactsFragment } from './analytics-facts.query';
import { pendingFacts } from './analytics-pending.sql';
import { analyticsProjections, ANALYTICS_PROCESSOR } from './analytics.processor';
import { LIVE_ANALYTICS_SCHEMA } from './analytics.schema';
import { journeyChangeFacts, pivotSummaryFacts } from './change-facts.sql';
import { directionFacts, teamBreakdownFacts } from './direction-facts.sql';
import { validityFacts } from './facts-validity.sql';
import { commitmentFacts, participationFacts, stalledFacts, supportFacts } from './open-work.sql';
import { stepFacts } from './step-facts.sql';

/** The event types the analytics processor applies: only these, not applied yet, leave a week uncounted. */
const ANALYTICS_EVENT_TYPES = [...new Set(analyticsProjections().flatMap((projection) => projection.eventTypes))];

/** The fragments a scope reads: within one team its journeys' changes and attention; above it, the per-team breakdown. */
const fragmentsFor = (q: FactsQuery, processor: string): FactsFragment[] => [
  directionFacts(q),
  stepFacts(q),
  pivotSummaryFacts(q),
  ...(q.aboveOneTeam ? [teamBreakdownFacts(q)] : [journeyChangeFacts(q)]),
  participationFacts(q),
  stalledFacts(q),
  supportFacts(q),
  commitmentFacts(q),
  validityFacts(q),
  pendingFacts(q, processor, ANALYTICS_EVENT_TYPES),
];

export class SqlAnalyticsReadModel implements AnalyticsReadModel {
  constructor(
    private readonly reader: TenantReader,
    private readonly schema: string = LIVE_ANALYTICS_SCHEMA,
    /** The processor that fills `schema`: what it has not applied yet is not counted. */
    private readonly processor: string = ANALYTICS_PROCESSOR,
  ) {}

  facts(tenantId: string, scope: AnalyticsScope, window: AnalyticsWindow, settings: AnalyticsReadSettings, now: Date): Promise<AnalyticsFacts> {
    const q = new FactsQuery(this.schema, { tenantId, scope, window, settings, now });
    const sql = factsStatement(fragmentsFor(q, this.processor));
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ facts: FactsJson }>(sql, q.params.values);
      return decodeFacts(rows[0].facts);
    });
  }
}
