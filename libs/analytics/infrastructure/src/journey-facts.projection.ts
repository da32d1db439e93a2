/**
 * Journey facts for analytics: one row per reflection, step, pivot, direction, revision, support
 * request and commitment, plus one row per journey with what the next event needs (the start of its
 * current run of NOs). Clock-free: every time written is the event's own business time.
 */
import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, SKIP, type Projection } from '@stepwise/projections';
import { applyJourneyFactsBatch } from './journey-facts.batch';

/** With `batched`, the runner applies all of a tenant's events in a batch at once (journey-facts.batch.ts); the handlers below define the outcome. */
export const journeyFactsProjection = (schema: string, batched = true): Projection => {
  const projection = perEventJourneyFacts(schema);
  return batched ? { ...projection, applyBatch: (tx, events) => applyJourneyFactsBatch(tx, schema, events) } : projection;
};

const perEventJourneyFacts = (schema: string): Projection =>
  defineProjection<JourneyEvent>({
    name: 'analytics-journey-facts',
    tables: ['journeys', 'reflections', 'steps', 'pivots', 'direction_history', 'vision_revisions', 'support_requests', 'commitments'].map(
      (table) => `${schema}.${table}`,
    ),
    events: journeyEventSchemaVersions,
    handlers: {
      async JourneyStarted(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.journeys (tenant_id, journey_id, team_id, title, status, started_at) VALUES ($1, $2, $3, $4, 'ACTIVE', $5)
           ON CONFLICT (tenant_id, journey_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.teamId, data.title, data.at],
        );
      },
      async VisionRevised(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.vision_revisions (tenant_id, journey_id, version, team_id, at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, journey_id, version) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.version, data.teamId, data.at],
        );
      },
      async DirectionSet(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.direction_history (tenant_id, journey_id, stream_version, team_id, direction, pivot_id, at) VALUES ($1, $2, $3, $4, $5, NULL, $6)
           ON CONFLICT (tenant_id, journey_id, stream_version) DO NOTHING`,
          [recorded.tenantId, data.journeyId, recorded.streamVersion, data.teamId, data.direction, data.at],
        );
      },
      async PivotMade(tx, { data }, recorded) {
        // The run of NOs ends here: the pivot keeps where it started (evolveNoRun's state), the journey forgets it.
        await tx.query(
          `INSERT INTO ${schema}.pivots (tenant_id, journey_id, pivot_id, team_id, at, first_no_at)
           SELECT $1, $2, $3, $4, $5, j.no_run_started_at FROM ${schema}.journeys j WHERE j.tenant_id = $1 AND j.journey_id = $2
           ON CONFLICT (tenant_id, journey_id, pivot_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.pivotId, data.teamId, data.at],
        );
        await tx.query(`UPDATE ${schema}.journeys SET no_run_started_at = NULL, last_pivot_at = $3 WHERE tenant_id = $1 AND journey_id = $2`, [
          recorded.tenantId,
          data.journeyId,
          data.at,
        ]);
        await tx.query(
          `INSERT INTO ${schema}.direction_history (tenant_id, journey_id, stream_version, team_id, direction, pivot_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (tenant_id, journey_id, stream_version) DO NOTHING`,
          [recorded.tenantId, data.journeyId, recorded.streamVersion, data.teamId, data.toDirection, data.pivotId, data.at],
        );
      },
      async StepPlanned(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.steps (tenant_id, journey_id, step_id, team_id, owner_id, due_on, status, planned_at) VALUES ($1, $2, $3, $4, $5, $6, 'PLANNED', $7)
           ON CONFLICT (tenant_id, journey_id, step_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.stepId, data.teamId, data.ownerId, data.dueOn, data.at],
        );
      },
      async StepTaken(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.steps SET status = 'TAKEN', taken_at = $4 WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`, [
          recorded.tenantId,
          data.journeyId,
          data.stepId,
          data.takenAt,
        ]);
        await tx.query(
          `UPDATE ${schema}.journeys SET last_step_taken_at = GREATEST(last_step_taken_at, $3::timestamptz) WHERE tenant_id = $1 AND journey_id = $2`,
          [recorded.tenantId, data.journeyId, data.takenAt],
        );
      },
      async StepDropped(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.steps SET status = 'DROPPED' WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`, [
          recorded.tenantId,
          data.journeyId,
          data.stepId,
        ]);
      },
      async ReflectionRecorded(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.reflections (tenant_id, journey_id, reflection_id, team_id, member_id, step_id, closer, comfort, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, journey_id, reflection_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.reflectionId, data.teamId, data.memberId, data.stepId, data.closer, data.comfort, data.at],
        );
        // evolveNoRun in SQL: YES ends the run, NO starts it if none is running, UNSURE leaves it.
        await tx.query(
          `UPDATE ${schema}.journeys SET no_run_started_at = CASE $3::text WHEN 'YES' THEN NULL WHEN 'NO' THEN COALESCE(no_run_started_at, $4::timestamptz) ELSE no_run_started_at END
           WHERE tenant_id = $1 AND journey_id = $2`,
          [recorded.tenantId, data.journeyId, data.closer, data.at],
        );
        if (data.stepId !== null) {
          await tx.query(
            `UPDATE ${schema}.steps SET first_owner_reflection_at = LEAST(COALESCE(first_owner_reflection_at, $5::timestamptz), $5::timestamptz)
             WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3 AND owner_id = $4`,
            [recorded.tenantId, data.journeyId, data.stepId, data.memberId, data.at],
          );
        }
      },
      async SupportRequested(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.support_requests (tenant_id, journey_id, request_id, team_id, member_id, requested_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (tenant_id, journey_id, request_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.requestId, data.teamId, data.memberId, data.at],
        );
      },
      async SupportOffered(tx, { data }, recorded) {
        await tx.query(
          `UPDATE ${schema}.support_requests SET offered_at = COALESCE(offered_at, $4) WHERE tenant_id = $1 AND journey_id = $2 AND request_id = $3`,
          [recorded.tenantId, data.journeyId, data.requestId, data.at],
        );
      },
      async CommitmentMade(tx, { data }, recorded) {
        await tx.query(
          `INSERT INTO ${schema}.commitments (tenant_id, journey_id, commitment_id, team_id, member_id, due_on, status, made_at) VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7)
           ON CONFLICT (tenant_id, journey_id, commitment_id) DO NOTHING`,
          [recorded.tenantId, data.journeyId, data.commitmentId, data.teamId, data.memberId, data.dueOn, data.at],
        );
      },
      async CommitmentKept(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.commitments SET status = 'KEPT', resolved_at = $4 WHERE tenant_id = $1 AND journey_id = $2 AND commitment_id = $3`, [
          recorded.tenantId,
          data.journeyId,
          data.commitmentId,
          data.at,
        ]);
      },
      async CommitmentMissed(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.commitments SET status = 'MISSED', resolved_at = $4 WHERE tenant_id = $1 AND journey_id = $2 AND commitment_id = $3`, [
          recorded.tenantId,
          data.journeyId,
          data.commitmentId,
          data.at,
        ]);
      },
      async JourneyPaused(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.journeys SET status = 'PAUSED' WHERE tenant_id = $1 AND journey_id = $2`, [recorded.tenantId, data.journeyId]);
      },
      async JourneyResumed(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.journeys SET status = 'ACTIVE' WHERE tenant_id = $1 AND journey_id = $2`, [recorded.tenantId, data.journeyId]);
      },
      async JourneyCompleted(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.journeys SET status = 'COMPLETED' WHERE tenant_id = $1 AND journey_id = $2`, [recorded.tenantId, data.journeyId]);
      },
      async JourneyAbandoned(tx, { data }, recorded) {
        await tx.query(`UPDATE ${schema}.journeys SET status = 'ABANDONED' WHERE tenant_id = $1 AND journey_id = $2`, [recorded.tenantId, data.journeyId]);
      },
      VisionArticulated: SKIP,
    },
  });
