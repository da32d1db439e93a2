/**
 * Journey facts for analytics: one row per reflection, step, pivot, direction, revision, support
 * request and commitment, plus one row per journey with what the next event needs (the start of its
 * current run of NOs). Clock-free: every time written is the event's own business time.
 *
 * It also keeps the person behind each member id (from MemberJoined), which a step's loop is matched
 * by: a batch's rows are all loaded before any is written, so a projection reads only its own rows
 * of the batch as they stand after the events before, and this mapping must be its own.
 */
import { evolveFirstOwnerReflection } from '@stepwise/analytics-domain';
import { journeyEventSchemaVersions, type JourneyEvent, type JourneyPaused, type JourneyResumed, type JourneyCompleted, type JourneyAbandoned } from '@stepwise/journeys-domain';
import { organisationEventSchemaVersions, type OrganisationEvent } from '@stepwise/tenancy-domain';
import type { EventSchemaVersions } from '@stepwise/kernel';
import { ANALYTICS_CHANGES_CHANNEL } from './analytics-changes.channel';
import { defineRowProjection, inSchema, SKIP, type Projection, type RowHandler } from '@stepwise/projections';
import {
  commitmentFactsTable,
  directionHistoryTable,
  journeyFactsTable,
  memberPersonsTable,
  pivotFactsTable,
  reflectionFactsTable,
  stepFactsTable,
  supportRequestFactsTable,
  visionRevisionsTable,
} from './analytics.tables';

const tablesIn = (schema: string) => ({
  journeys: inSchema(journeyFactsTable, schema),
  reflections: inSchema(reflectionFactsTable, schema),
  steps: inSchema(stepFactsTable, schema),
  pivots: inSchema(pivotFactsTable, schema),
  directions: inSchema(directionHistoryTable, schema),
  revisions: inSchema(visionRevisionsTable, schema),
  support: inSchema(supportRequestFactsTable, schema),
  commitments: inSchema(commitmentFactsTable, schema),
  persons: inSchema(memberPersonsTable, schema),
});

type JourneyFactsEvent = JourneyEvent | OrganisationEvent;

const journeyFactsEvents: EventSchemaVersions<JourneyFactsEvent> = { ...journeyEventSchemaVersions, ...organisationEventSchemaVersions };

type Tables = ReturnType<typeof tablesIn>;

/** The later of two instants (GREATEST: a null is ignored). */
const later = (a: string | null, b: string): string => (a === null || Date.parse(b) > Date.parse(a) ? b : a);

const statusOf = { JourneyPaused: 'PAUSED', JourneyResumed: 'ACTIVE', JourneyCompleted: 'COMPLETED', JourneyAbandoned: 'ABANDONED' } as const;

const setStatus: RowHandler<JourneyPaused | JourneyResumed | JourneyCompleted | JourneyAbandoned, Tables> = async ({ journeys }, event, recorded) => {
  // Resuming starts the quiet stretch again (stalled counts from the later of the last step and it).
  const resumed = event.type === 'JourneyResumed' ? { resumed_at: event.data.at } : {};
  await journeys.update({ tenant_id: recorded.tenantId, journey_id: event.data.journeyId }, { status: statusOf[event.type], ...resumed });
};

export const journeyFactsProjection = (schema: string): Projection =>
  defineRowProjection<JourneyFactsEvent, Tables>({
    name: 'analytics-journey-facts',
    notify: { channel: ANALYTICS_CHANGES_CHANNEL, on: 'handled' },
    tables: tablesIn(schema),
    events: journeyFactsEvents,
    handlers: {
      async MemberJoined({ persons }, { data }, recorded) {
        await persons.upsert({ tenant_id: recorded.tenantId, member_id: data.memberId, person: data.subject });
      },
      JourneyStarted({ journeys }, { data }, recorded) {
        journeys.insert({
          tenant_id: recorded.tenantId,
          journey_id: data.journeyId,
          team_id: data.teamId,
          title: data.title,
          status: 'ACTIVE',
          started_at: data.at,
          last_step_taken_at: null,
          no_run_started_at: null,
          last_pivot_at: null,
          resumed_at: null,
        });
      },
      VisionRevised({ revisions }, { data }, recorded) {
        revisions.insert({ tenant_id: recorded.tenantId, journey_id: data.journeyId, version: data.version, team_id: data.teamId, at: data.at });
      },
      async DirectionSet({ directions, journeys }, { data }, recorded) {
        directions.insert({
          tenant_id: recorded.tenantId,
          journey_id: data.journeyId,
          stream_version: recorded.streamVersion,
          team_id: data.teamId,
          direction: data.direction,
          pivot_id: null,
          at: data.at,
        });
        // A run of NOs is against a direction: answers before the first one was set start none.
        await journeys.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId }, { no_run_started_at: null });
      },
      async PivotMade({ journeys, pivots, directions }, { data }, recorded) {
        const key = { tenant_id: recorded.tenantId, journey_id: data.journeyId };
        // The run of NOs ends here: the pivot keeps where it started (evolveNoRun's state), the journey forgets it.
        const journey = await journeys.get(key);
        if (journey) {
          pivots.insert({ ...key, pivot_id: data.pivotId, team_id: data.teamId, at: data.at, first_no_at: journey.no_run_started_at });
        }
        await journeys.update(key, { no_run_started_at: null, last_pivot_at: data.at });
        directions.insert({ ...key, stream_version: recorded.streamVersion, team_id: data.teamId, direction: data.toDirection, pivot_id: data.pivotId, at: data.at });
      },
      async StepPlanned({ steps, persons }, { data }, recorded) {
        const owner = await persons.get({ tenant_id: recorded.tenantId, member_id: data.ownerId });
        steps.insert({
          tenant_id: recorded.tenantId,
          journey_id: data.journeyId,
          step_id: data.stepId,
          team_id: data.teamId,
          owner_id: data.ownerId,
          owner_person: owner?.person ?? null,
          due_on: data.dueOn,
          status: 'PLANNED',
          planned_at: data.at,
          taken_at: null,
          first_owner_reflection_at: null,
        });
      },
      async StepTaken({ steps, journeys }, { data }, recorded) {
        await steps.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, step_id: data.stepId }, { status: 'TAKEN', taken_at: data.takenAt });
        await journeys.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId }, (journey) => ({
          last_step_taken_at: later(journey.last_step_taken_at, data.takenAt),
        }));
      },
      async StepDropped({ steps }, { data }, recorded) {
        await steps.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, step_id: data.stepId }, { status: 'DROPPED' });
      },
      async ReflectionRecorded({ reflections, journeys, steps, persons }, { data }, recorded) {
        const { journeyId, reflectionId, teamId, memberId, stepId, closer, comfort, at } = data;
        reflections.insert({ tenant_id: recorded.tenantId, journey_id: journeyId, reflection_id: reflectionId, team_id: teamId, member_id: memberId, step_id: stepId, closer, comfort, at });
        // evolveNoRun: YES ends the run, NO starts it if none is running, UNSURE leaves it.
        await journeys.update({ tenant_id: recorded.tenantId, journey_id: journeyId }, (journey) => ({
          no_run_started_at: closer === 'YES' ? null : closer === 'NO' ? (journey.no_run_started_at ?? at) : journey.no_run_started_at,
        }));
        if (stepId === null) return;
        const author = { memberId, person: (await persons.get({ tenant_id: recorded.tenantId, member_id: memberId }))?.person ?? null };
        await steps.update({ tenant_id: recorded.tenantId, journey_id: journeyId, step_id: stepId }, (step) => {
          const owner = { memberId: step.owner_id, person: step.owner_person };
          const first = step.first_owner_reflection_at === null ? null : new Date(step.first_owner_reflection_at);
          const next = evolveFirstOwnerReflection(first, owner, author, new Date(at));
          return next === first ? undefined : { first_owner_reflection_at: next?.toISOString() ?? null };
        });
      },
      SupportRequested({ support }, { data }, recorded) {
        support.insert({
          tenant_id: recorded.tenantId,
          journey_id: data.journeyId,
          request_id: data.requestId,
          team_id: data.teamId,
          member_id: data.memberId,
          requested_at: data.at,
          offered_at: null,
        });
      },
      async SupportOffered({ support }, { data }, recorded) {
        await support.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, request_id: data.requestId }, (request) => ({
          offered_at: request.offered_at ?? data.at,
        }));
      },
      CommitmentMade({ commitments }, { data }, recorded) {
        commitments.insert({
          tenant_id: recorded.tenantId,
          journey_id: data.journeyId,
          commitment_id: data.commitmentId,
          team_id: data.teamId,
          member_id: data.memberId,
          due_on: data.dueOn,
          status: 'OPEN',
          made_at: data.at,
          resolved_at: null,
        });
      },
      async CommitmentKept({ commitments }, { data }, recorded) {
        await commitments.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, commitment_id: data.commitmentId }, { status: 'KEPT', resolved_at: data.at });
      },
      async CommitmentMissed({ commitments }, { data }, recorded) {
        await commitments.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, commitment_id: data.commitmentId }, { status: 'MISSED', resolved_at: data.at });
      },
      JourneyPaused: setStatus,
      JourneyResumed: setStatus,
      JourneyCompleted: setStatus,
      JourneyAbandoned: setStatus,
      VisionArticulated: SKIP,
      OrganisationCreated: SKIP,
      MemberRoleChanged: SKIP,
      MemberPreferencesUpdated: SKIP,
      MemberLeft: SKIP,
      OrganisationSettingsChanged: SKIP,
      MemberEmailChanged: SKIP,
    },
  });
