import type { SqlExecutor } from '@stepwise/database';
import { decodeEvent, type RecordedEvent } from '@stepwise/event-store';
import { journeyEventSchemaVersions, type JourneyEvent, type JourneyStarted, type JourneyStatus } from '@stepwise/journeys-domain';
import { defineProjection, type EventHandler, type Projection } from '@stepwise/projections';

/** What one event changes in a journey's summary row; absent fields stay as they are. */
interface SummaryChange {
  status?: JourneyStatus;
  visionVersion?: number;
  direction?: string;
  lastStepId?: string;
  lastReflectionId?: string;
}

const changeOf = (event: JourneyEvent): SummaryChange => {
  switch (event.type) {
    case 'VisionArticulated':
    case 'VisionRevised':
      return { visionVersion: event.data.version };
    case 'DirectionSet':
      return { direction: event.data.direction };
    case 'PivotMade':
      return { direction: event.data.toDirection };
    // The last step is the one most recently planned, taken or dropped: the journey's latest move.
    case 'StepPlanned':
    case 'StepTaken':
    case 'StepDropped':
      return { lastStepId: event.data.stepId };
    case 'ReflectionRecorded':
      return { lastReflectionId: event.data.reflectionId };
    case 'JourneyPaused':
      return { status: 'PAUSED' };
    case 'JourneyResumed':
      return { status: 'ACTIVE' };
    case 'JourneyCompleted':
      return { status: 'COMPLETED' };
    case 'JourneyAbandoned':
      return { status: 'ABANDONED' };
    case 'JourneyStarted':
    case 'SupportRequested':
    case 'SupportOffered':
    case 'CommitmentMade':
    case 'CommitmentKept':
    case 'CommitmentMissed':
      return {};
  }
};

const insertSummary: EventHandler<JourneyStarted> = async (tx, { data }, recorded) => {
  await tx.query(
    `INSERT INTO journeys (tenant_id, journey_id, team_id, title, status, started_by, started_at, version, updated_at)
     VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, $7, $6) ON CONFLICT (tenant_id, journey_id) DO NOTHING`,
    [recorded.tenantId, data.journeyId, data.teamId, data.title, data.startedBy, data.at, recorded.streamVersion],
  );
};

const updateSummary: EventHandler<JourneyEvent> = async (tx, event, recorded) => {
  const { journeyId, at } = event.data;
  const change = changeOf(event);
  await tx.query(
    `UPDATE journeys SET status = COALESCE($4, status), vision_version = COALESCE($5, vision_version),
       direction = COALESCE($6, direction), last_step_id = COALESCE($7, last_step_id),
       last_reflection_id = COALESCE($8, last_reflection_id), version = $3, updated_at = $9
     WHERE tenant_id = $1 AND journey_id = $2 AND version < $3`,
    [
      recorded.tenantId,
      journeyId,
      recorded.streamVersion,
      change.status ?? null,
      change.visionVersion ?? null,
      change.direction ?? null,
      change.lastStepId ?? null,
      change.lastReflectionId ?? null,
      at,
    ],
  );
};

/**
 * One row per journey: status, the current vision and direction, pointers to the last step and
 * reflection (joined when read), and the stream version it reflects. Every journey event moves the
 * version, so the row says how fresh it is; the `version <` guard makes a replayed event a no-op.
 */
const perEvent = defineProjection<JourneyEvent>({
  name: 'journey-summary',
  tables: ['journeys'],
  events: journeyEventSchemaVersions,
  handlers: {
    JourneyStarted: insertSummary,
    VisionArticulated: updateSummary,
    VisionRevised: updateSummary,
    DirectionSet: updateSummary,
    StepPlanned: updateSummary,
    StepTaken: updateSummary,
    StepDropped: updateSummary,
    ReflectionRecorded: updateSummary,
    PivotMade: updateSummary,
    SupportRequested: updateSummary,
    SupportOffered: updateSummary,
    CommitmentMade: updateSummary,
    CommitmentKept: updateSummary,
    CommitmentMissed: updateSummary,
    JourneyPaused: updateSummary,
    JourneyResumed: updateSummary,
    JourneyCompleted: updateSummary,
    JourneyAbandoned: updateSummary,
  },
});

/**
 * A tenant's batch in two statements, with the outcome of `apply` on each event in turn: the
 * journeys it starts are inserted, then every journey's row takes, from the events newer than its
 * version, the latest of each field an event sets, the newest version and that event's time.
 */
const applySummaryBatch = async (tx: SqlExecutor, recorded: readonly RecordedEvent[]): Promise<void> => {
  const tenantId = recorded[0].tenantId;
  const started: object[] = [];
  const changes: object[] = [];
  for (const event of recorded) {
    const decoded = decodeEvent(journeyEventSchemaVersions, event) as JourneyEvent;
    if (decoded.type === 'JourneyStarted') {
      const { data } = decoded;
      started.push({ journey_id: data.journeyId, team_id: data.teamId, title: data.title, started_by: data.startedBy, started_at: data.at, version: event.streamVersion });
      continue;
    }
    const change = changeOf(decoded);
    changes.push({
      journey_id: decoded.data.journeyId,
      version: event.streamVersion,
      status: change.status ?? null,
      vision_version: change.visionVersion ?? null,
      direction: change.direction ?? null,
      last_step_id: change.lastStepId ?? null,
      last_reflection_id: change.lastReflectionId ?? null,
      at: decoded.data.at,
    });
  }
  if (started.length > 0) {
    await tx.query(
      `INSERT INTO journeys (tenant_id, journey_id, team_id, title, status, started_by, started_at, version, updated_at)
       SELECT $1, journey_id, team_id, title, 'ACTIVE', started_by, started_at, version, started_at
       FROM jsonb_to_recordset($2::jsonb) AS x(journey_id text, team_id text, title text, started_by text, started_at timestamptz, version integer)
       ON CONFLICT (tenant_id, journey_id) DO NOTHING`,
      [tenantId, JSON.stringify(started)],
    );
  }
  if (changes.length === 0) return;
  // Per field: the newest applicable event that sets it; an event at or below the row's version is a no-op, as in `apply`.
  const latest = (column: string) =>
    `(SELECT x.${column} FROM x WHERE x.journey_id = j.journey_id AND x.version > j.version AND x.${column} IS NOT NULL ORDER BY x.version DESC LIMIT 1)`;
  await tx.query(
    `WITH x AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(journey_id text, version integer, status text, vision_version integer,
         direction text, last_step_id text, last_reflection_id text, at timestamptz)
     ), newest AS (
       SELECT DISTINCT ON (journey_id) journey_id, version, at FROM x ORDER BY journey_id, version DESC
     )
     UPDATE journeys j SET status = COALESCE(${latest('status')}, j.status),
       vision_version = COALESCE(${latest('vision_version')}, j.vision_version),
       direction = COALESCE(${latest('direction')}, j.direction),
       last_step_id = COALESCE(${latest('last_step_id')}, j.last_step_id),
       last_reflection_id = COALESCE(${latest('last_reflection_id')}, j.last_reflection_id),
       version = newest.version, updated_at = newest.at
     FROM newest
     WHERE j.tenant_id = $1 AND j.journey_id = newest.journey_id AND j.version < newest.version`,
    [tenantId, JSON.stringify(changes)],
  );
};

export const journeySummaryProjection: Projection = { ...perEvent, applyBatch: applySummaryBatch };
