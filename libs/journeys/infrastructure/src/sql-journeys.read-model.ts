import type { SqlExecutor, TenantReader } from '@stepwise/database';
import type {
  CommitmentView,
  JourneyAsSeen,
  JourneySummary,
  JourneysReadModel,
  MemberJourneysAsSeen,
  ReflectionTally,
  ReflectionView,
  TeamJourneysAsSeen,
  StepView,
  SupportRequestView,
  TimelineEntry,
  VisionVersionView,
} from '@stepwise/journeys-application/read';
import { afterKeyOf, listWithin, pageSizeOf, toPage, type CursorList, type Page, type PageRequest } from '@stepwise/kernel';
import { toCommitment, toJourney, toReflection, toStep, toVision, type CommitmentRow, type JourneyRow, type ReflectionRow, type StepRow, type VisionRow } from './journey-rows.mapper';
import { keysetClause } from './keyset.pagination';
import { PERSON_MEMBER_IDS } from './person-member-ids.sql';
import { timelineSentence } from './timeline-sentence.renderer';

/** The kinds of list this read model pages, each named in its cursors with the parent it is of (listWithin). */
const LISTS = {
  teamJourneys: { name: 'teamJourneys', shape: ['timestamp', 'string'] },
  myJourneys: { name: 'myJourneys', shape: ['timestamp', 'string'] },
  myOpenSteps: { name: 'myOpenSteps', shape: ['date', 'timestamp', 'string', 'string'] },
  stepsAwaitingMyReflection: { name: 'stepsAwaitingMyReflection', shape: ['timestamp', 'string', 'string'] },
  myCommitments: { name: 'myCommitments', shape: ['date', 'timestamp', 'string', 'string'] },
  journeyCommitments: { name: 'journeyCommitments', shape: ['date', 'timestamp', 'string', 'string'] },
  journeyTimeline: { name: 'journeyTimeline', shape: ['position'] },
  supportRequests: { name: 'supportRequests', shape: ['timestamp', 'string'] },
  journeyReflections: { name: 'journeyReflections', shape: ['timestamp', 'string'] },
} as const satisfies Record<string, CursorList>;

// The current vision, last step and last reflection come from their own tables, one row each.
const JOURNEY_SELECT = `
  SELECT j.journey_id, j.team_id, j.title, j.status, j.started_by, j.started_at, j.direction, j.updated_at, j.version,
    (SELECT to_jsonb(v) FROM vision_versions v WHERE v.tenant_id = j.tenant_id AND v.journey_id = j.journey_id AND v.version = j.vision_version) AS vision,
    (SELECT to_jsonb(s) FROM journey_steps s WHERE s.tenant_id = j.tenant_id AND s.journey_id = j.journey_id AND s.step_id = j.last_step_id) AS last_step,
    (SELECT to_jsonb(r) FROM reflections r WHERE r.tenant_id = j.tenant_id AND r.journey_id = j.journey_id AND r.reflection_id = j.last_reflection_id) AS last_reflection
  FROM journeys j`;
const NEWEST_FIRST = 'ORDER BY j.started_at DESC, j.journey_id DESC';

const STEP_SELECT = `SELECT step_id, journey_id, team_id, title, owner_id, due_on::text AS due_on, status, planned_at, taken_at, dropped_at FROM journey_steps`;
const COMMITMENT_SELECT = `SELECT commitment_id, journey_id, team_id, member_id, description, due_on::text AS due_on, status, made_at, resolved_at FROM commitments`;
const DUE_SORT = `COALESCE(due_on, 'infinity'::date)`;
// Only keys a commitment never changes (not its status), so a page boundary holds while it is kept or missed.
const COMMITMENT_ORDER = 'due_on, made_at, journey_id, commitment_id';
// A member's own steps and commitments (under any member id they have had: PERSON_MEMBER_IDS) are
// listed while they are on the team as they are now: what `journey` and `node` show them, and what
// they may still act on.
const onTheirTeam = (table: 'journey_steps' | 'commitments'): string =>
  `AND EXISTS (SELECT 1 FROM team_members tm WHERE tm.tenant_id = $1 AND tm.team_id = ${table}.team_id AND tm.member_id = $2)`;
// A completed or abandoned journey refuses taking, dropping and reflecting (JOURNEY_CLOSED), so its
// steps leave a member's to-do lists; a paused one's stay, since it can resume. Judged when read, so
// the step rows (and a replay) are unchanged.
const ON_A_JOURNEY_UNDER_WAY = `AND EXISTS (SELECT 1 FROM journeys j WHERE j.tenant_id = journey_steps.tenant_id
  AND j.journey_id = journey_steps.journey_id AND j.status IN ('ACTIVE', 'PAUSED'))`;
// owner_reflected holds only for a reflection under the owner id the step names; the same person
// answering under a later member id (removed and added again) has reflected too.
const NOT_REFLECTED_BY_THEM = `AND NOT owner_reflected AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.tenant_id = journey_steps.tenant_id
  AND r.journey_id = journey_steps.journey_id AND r.step_id = journey_steps.step_id AND r.member_id = ANY(${PERSON_MEMBER_IDS}))`;

/** The asking member's ids as a person ($1 the tenant, $2 the member), read in the same statement. */
const VIEWER_MEMBER_IDS = `${PERSON_MEMBER_IDS} AS viewer_member_ids`;
interface ViewerRow {
  viewer_member_ids: string[];
}
/** The ids the asking member's person had before they were removed and added again. */
const formerMemberIdsOf = (row: ViewerRow, memberId: string): string[] => row.viewer_member_ids.filter((id) => id !== memberId);

interface TimelineRow {
  journey_id: string;
  sequence: number;
  event_type: string;
  actor_id: string;
  actor_name: string | null;
  subject_member_id: string | null;
  subject_member_name: string | null;
  summary: string;
  comfort: number | null;
  note: string | null;
  note_author_id: string | null;
  at: Date;
}

interface SupportRequestRow {
  request_id: string;
  journey_id: string;
  team_id: string;
  member_id: string;
  member_name: string | null;
  need: string;
  requested_at: Date;
  offers: { leader_id: string; leader_name: string | null; message: string; offered_at: string }[] | string;
}

const toSupportRequest = (row: SupportRequestRow): SupportRequestView => {
  const offers = typeof row.offers === 'string' ? (JSON.parse(row.offers) as Exclude<SupportRequestRow['offers'], string>) : row.offers;
  return {
    requestId: row.request_id,
    journeyId: row.journey_id,
    teamId: row.team_id,
    requesterId: row.member_id,
    requesterName: row.member_name,
    need: row.need,
    requestedAt: new Date(row.requested_at),
    offers: offers.map((offer) => ({ leaderId: offer.leader_id, leaderName: offer.leader_name, message: offer.message, offeredAt: new Date(offer.offered_at) })),
  };
};

/** Shown for a member the organisation directory does not (or no longer) hold. */
const UNKNOWN_ACTOR = 'Someone';
const UNKNOWN_MEMBER = 'someone';

const toTimelineEntry = (row: TimelineRow): TimelineEntry => ({
  journeyId: row.journey_id,
  sequence: Number(row.sequence),
  eventType: row.event_type,
  actorId: row.actor_id,
  actorName: row.actor_name ?? UNKNOWN_ACTOR,
  at: new Date(row.at),
  summary: timelineSentence(row.actor_name ?? UNKNOWN_ACTOR, row.summary, row.subject_member_id === null ? null : (row.subject_member_name ?? UNKNOWN_MEMBER)),
  comfort: row.comfort === null ? null : Number(row.comfort),
  note: row.note,
  noteAuthorId: row.note_author_id,
});

/**
 * Journey queries over the read tables; each runs through the RLS-scoped reader for its tenant. Every
 * method is async so a bad page request (or a missing tenant) rejects instead of throwing.
 */
export class SqlJourneysReadModel implements JourneysReadModel {
  constructor(private readonly reader: TenantReader) {}

  async journey(tenantId: string, journeyId: string): Promise<JourneySummary | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<JourneyRow>(`${JOURNEY_SELECT} WHERE j.tenant_id = $1 AND j.journey_id = $2`, [tenantId, journeyId]);
      return rows[0] && toJourney(rows[0]);
    });
  }

  async journeyAsSeenBy(tenantId: string, journeyId: string, memberId: string): Promise<JourneyAsSeen | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<JourneyRow & ViewerRow & { viewer_role: 'LEADER' | 'STAFF' | null }>(
        `SELECT journey.*, (SELECT tm.role FROM team_members tm
           WHERE tm.tenant_id = $1 AND tm.team_id = journey.team_id AND tm.member_id = $2) AS viewer_role, ${VIEWER_MEMBER_IDS}
         FROM (${JOURNEY_SELECT} WHERE j.tenant_id = $1 AND j.journey_id = $3) AS journey`,
        [tenantId, memberId, journeyId],
      );
      return rows[0] && { journey: toJourney(rows[0]), viewerTeamRole: rows[0].viewer_role, viewerFormerMemberIds: formerMemberIdsOf(rows[0], memberId) };
    });
  }

  async teamJourneysAsSeenBy(tenantId: string, teamId: string, memberId: string, page: PageRequest): Promise<TeamJourneysAsSeen | undefined> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.teamJourneys, teamId);
    const params: unknown[] = [tenantId, memberId, teamId, first + 1];
    const after = keysetClause('j.started_at, j.journey_id', '<', afterKeyOf(page, list), params, ['::timestamptz']);
    return this.reader.read(tenantId, async (tx) => {
      // No row: no such team. One row with a NULL journey: the team, without journeys (on this page).
      const { rows } = await tx.query<{ viewer_role: 'LEADER' | 'STAFF' | null } & ViewerRow & (JourneyRow | { journey_id: null })>(
        `SELECT viewer.viewer_role, viewer.viewer_member_ids, journey.*
         FROM (SELECT (SELECT tm.role FROM team_members tm WHERE tm.tenant_id = $1 AND tm.team_id = $3 AND tm.member_id = $2) AS viewer_role, ${VIEWER_MEMBER_IDS}
               FROM teams t WHERE t.tenant_id = $1 AND t.team_id = $3) AS viewer
         LEFT JOIN LATERAL (${JOURNEY_SELECT} WHERE j.tenant_id = $1 AND j.team_id = $3 ${after} ${NEWEST_FIRST} LIMIT $4) AS journey ON true
         ORDER BY journey.started_at DESC, journey.journey_id DESC`,
        params,
      );
      if (rows.length === 0) return undefined;
      const journeys = rows.flatMap((row) => (row.journey_id === null ? [] : [toJourney(row as JourneyRow)]));
      return {
        viewerTeamRole: rows[0].viewer_role,
        viewerFormerMemberIds: formerMemberIdsOf(rows[0], memberId),
        page: toPage(journeys, first, list, (journey) => [journey.startedAt.toISOString(), journey.journeyId]),
      };
    });
  }

  async memberJourneys(tenantId: string, memberId: string, page: PageRequest): Promise<MemberJourneysAsSeen> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.myJourneys, memberId);
    const params: unknown[] = [tenantId, memberId, first + 1];
    const after = keysetClause('j.started_at, j.journey_id', '<', afterKeyOf(page, list), params, ['::timestamptz']);
    return this.reader.read(tenantId, async (tx: SqlExecutor) => {
      // The member as a person comes with each journey (one look-up); a page without journeys shows nothing of theirs.
      const { rows } = await tx.query<JourneyRow & ViewerRow>(
        `SELECT journey.*, ${VIEWER_MEMBER_IDS}
         FROM (${JOURNEY_SELECT} WHERE j.tenant_id = $1
           AND EXISTS (SELECT 1 FROM team_members tm WHERE tm.tenant_id = j.tenant_id AND tm.team_id = j.team_id AND tm.member_id = $2)
           ${after} ${NEWEST_FIRST} LIMIT $3) AS journey
         ORDER BY journey.started_at DESC, journey.journey_id DESC`,
        params,
      );
      return {
        viewerFormerMemberIds: rows[0] ? formerMemberIdsOf(rows[0], memberId) : [],
        page: toPage(rows.map(toJourney), first, list, (journey) => [journey.startedAt.toISOString(), journey.journeyId]),
      };
    });
  }

  async openSteps(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.myOpenSteps, memberId);
    const params: unknown[] = [tenantId, memberId, first + 1];
    const after = keysetClause(`${DUE_SORT}, planned_at, journey_id, step_id`, '>', afterKeyOf(page, list), params, [
      '::date',
      '::timestamptz',
    ]);
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<StepRow>(
        `${STEP_SELECT} WHERE tenant_id = $1 AND owner_id = ANY(${PERSON_MEMBER_IDS}) AND status = 'PLANNED' ${onTheirTeam('journey_steps')} ${ON_A_JOURNEY_UNDER_WAY} ${after}
         ORDER BY ${DUE_SORT}, planned_at, journey_id, step_id LIMIT $3`,
        params,
      );
      return toPage(rows.map(toStep), first, list, (step) => [step.dueOn ?? 'infinity', step.plannedAt.toISOString(), step.journeyId, step.stepId]);
    });
  }

  async stepsAwaitingReflection(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.stepsAwaitingMyReflection, memberId);
    const params: unknown[] = [tenantId, memberId, first + 1];
    const after = keysetClause('taken_at, journey_id, step_id', '>', afterKeyOf(page, list), params, ['::timestamptz']);
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<StepRow>(
        `${STEP_SELECT} WHERE tenant_id = $1 AND owner_id = ANY(${PERSON_MEMBER_IDS}) AND status = 'TAKEN' ${NOT_REFLECTED_BY_THEM} ${onTheirTeam('journey_steps')} ${ON_A_JOURNEY_UNDER_WAY} ${after}
         ORDER BY taken_at, journey_id, step_id LIMIT $3`,
        params,
      );
      // A taken step always has takenAt; the fallback only satisfies the type.
      return toPage(rows.map(toStep), first, list, (step) => [(step.takenAt ?? step.plannedAt).toISOString(), step.journeyId, step.stepId]);
    });
  }

  async commitments(tenantId: string, memberId: string, page: PageRequest, status?: CommitmentView['status']): Promise<Page<CommitmentView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.myCommitments, memberId);
    const params: unknown[] = [tenantId, memberId, first + 1];
    const after = keysetClause(COMMITMENT_ORDER, '>', afterKeyOf(page, list), params, ['::date', '::timestamptz']);
    const inStatus = status === undefined ? '' : `AND status = $${params.push(status)}`;
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<CommitmentRow>(
        `${COMMITMENT_SELECT} WHERE tenant_id = $1 AND member_id = ANY(${PERSON_MEMBER_IDS}) ${inStatus} ${onTheirTeam('commitments')} ${after}
         ORDER BY ${COMMITMENT_ORDER} LIMIT $3`,
        params,
      );
      return toPage(rows.map(toCommitment), first, list, (c) => [c.dueOn, c.madeAt.toISOString(), c.journeyId, c.commitmentId]);
    });
  }

  async journeyCommitments(tenantId: string, journeyId: string, page: PageRequest, status?: CommitmentView['status'], asOf?: Date): Promise<Page<CommitmentView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.journeyCommitments, journeyId);
    const params: unknown[] = [tenantId, journeyId, first + 1];
    // The subquery's due_on is text (as COMMITMENT_SELECT reads it): it sorts on the date beside it.
    const order = 'due_date, made_at, journey_id, commitment_id';
    const after = keysetClause(order, '>', afterKeyOf(page, list), params, ['::date', '::timestamptz']);
    // As of an instant: made by then, and still open where it was kept or missed after it.
    const asOfParam = asOf === undefined ? null : `$${params.push(asOf.toISOString())}::timestamptz`;
    const later = asOfParam === null ? 'false' : `resolved_at > ${asOfParam}`;
    const inStatus = status === undefined ? '' : `AND status = $${params.push(status)}`;
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<CommitmentRow>(
        `SELECT * FROM (
           SELECT commitment_id, journey_id, team_id, member_id, description, due_on::text AS due_on,
             CASE WHEN ${later} THEN 'OPEN' ELSE status END AS status, made_at, CASE WHEN ${later} THEN NULL ELSE resolved_at END AS resolved_at, due_on AS due_date
           FROM commitments
           WHERE tenant_id = $1 AND journey_id = $2 ${asOfParam === null ? '' : `AND made_at <= ${asOfParam}`}
         ) c WHERE true ${inStatus} ${after}
         ORDER BY ${order} LIMIT $3`,
        params,
      );
      return toPage(rows.map(toCommitment), first, list, (c) => [c.dueOn, c.madeAt.toISOString(), c.journeyId, c.commitmentId]);
    });
  }

  async journeyReflections(tenantId: string, journeyId: string, page: PageRequest, closer?: ReflectionView['closer'], asOf?: Date): Promise<Page<ReflectionView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.journeyReflections, journeyId);
    const params: unknown[] = [tenantId, journeyId, first + 1];
    const after = keysetClause('at, reflection_id', '<', afterKeyOf(page, list), params, ['::timestamptz']);
    const answered = closer === undefined ? '' : `AND closer = $${params.push(closer)}`;
    const byThen = asOf === undefined ? '' : `AND at <= $${params.push(asOf.toISOString())}::timestamptz`;
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<ReflectionRow>(
        `SELECT reflection_id, journey_id, member_id, closer, comfort, note, step_id, direction, at FROM reflections
         WHERE tenant_id = $1 AND journey_id = $2 ${answered} ${byThen} ${after}
         ORDER BY at DESC, reflection_id DESC LIMIT $3`,
        params,
      );
      return toPage(rows.map(toReflection), first, list, (reflection) => [reflection.at.toISOString(), reflection.reflectionId]);
    });
  }

  async timeline(tenantId: string, journeyId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.journeyTimeline, journeyId);
    const params: unknown[] = [tenantId, journeyId, first + 1];
    const after = keysetClause('t.sequence', '>', afterKeyOf(page, list), params);
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<TimelineRow>(
        `SELECT t.journey_id, t.sequence, t.event_type, t.actor_id, a.display_name AS actor_name, t.subject_member_id,
           m.display_name AS subject_member_name, t.summary, t.comfort, t.note, t.note_author_id, t.at
         FROM journey_timeline t
         LEFT JOIN org_members a ON a.tenant_id = t.tenant_id AND a.member_id = t.actor_id
         LEFT JOIN org_members m ON m.tenant_id = t.tenant_id AND m.member_id = t.subject_member_id
         WHERE t.tenant_id = $1 AND t.journey_id = $2 ${after}
         ORDER BY t.sequence LIMIT $3`,
        params,
      );
      return toPage(rows.map(toTimelineEntry), first, list, (entry) => [entry.sequence]);
    });
  }

  async supportRequests(tenantId: string, journeyId: string, page: PageRequest, asOf?: Date): Promise<Page<SupportRequestView>> {
    const first = pageSizeOf(page);
    const list = listWithin(LISTS.supportRequests, journeyId);
    const params: unknown[] = [tenantId, journeyId, first + 1];
    const after = keysetClause('r.requested_at, r.request_id', '>', afterKeyOf(page, list), params, ['::timestamptz']);
    const asOfParam = asOf === undefined ? null : `$${params.push(asOf.toISOString())}::timestamptz`;
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<SupportRequestRow>(
        `SELECT r.request_id, r.journey_id, r.team_id, r.member_id, m.display_name AS member_name, r.need, r.requested_at,
           COALESCE((SELECT json_agg(json_build_object('leader_id', o.leader_id, 'leader_name', l.display_name, 'message', o.message,
                       'offered_at', o.offered_at) ORDER BY o.sequence)
             FROM support_offers o
             LEFT JOIN org_members l ON l.tenant_id = o.tenant_id AND l.member_id = o.leader_id
             WHERE o.tenant_id = r.tenant_id AND o.journey_id = r.journey_id AND o.request_id = r.request_id
               ${asOfParam === null ? '' : `AND o.offered_at <= ${asOfParam}`}), '[]'::json) AS offers
         FROM support_requests r
         LEFT JOIN org_members m ON m.tenant_id = r.tenant_id AND m.member_id = r.member_id
         WHERE r.tenant_id = $1 AND r.journey_id = $2 ${asOfParam === null ? '' : `AND r.requested_at <= ${asOfParam}`} ${after}
         ORDER BY r.requested_at, r.request_id LIMIT $3`,
        params,
      );
      return toPage(rows.map(toSupportRequest), first, list, (request) => [request.requestedAt.toISOString(), request.requestId]);
    });
  }

  async journeySteps(tenantId: string, journeyId: string): Promise<StepView[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<StepRow>(`${STEP_SELECT} WHERE tenant_id = $1 AND journey_id = $2 ORDER BY planned_at, step_id`, [tenantId, journeyId]);
      return rows.map(toStep);
    });
  }

  async reflectionTally(tenantId: string, journeyId: string): Promise<ReflectionTally> {
    return this.reader.read(tenantId, async (tx) => {
      // Ids compare byte by byte, as the time-travel fold compares them. A person is their subject:
      // someone who left and was added again answered under two member ids, as one person.
      const { rows } = await tx.query<{ member_id: string; person: string; comfort: number; at: Date }>(
        `SELECT r.member_id, COALESCE(m.subject, r.member_id) AS person, r.comfort, r.at FROM reflections r
         LEFT JOIN org_members m ON m.tenant_id = r.tenant_id AND m.member_id = r.member_id
         WHERE r.tenant_id = $1 AND r.journey_id = $2 ORDER BY r.at, r.reflection_id COLLATE "C"`,
        [tenantId, journeyId],
      );
      const answers = rows.map((row) => ({ memberId: row.member_id, person: row.person, comfort: Number(row.comfort), at: new Date(row.at) }));
      return { reflections: answers.length, people: new Set(answers.map((answer) => answer.person)).size, answers };
    });
  }

  async visionHistory(tenantId: string, journeyId: string): Promise<VisionVersionView[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<VisionRow>(
        `SELECT version, statement, expectations, success_signals, reason, changed_by, at FROM vision_versions
         WHERE tenant_id = $1 AND journey_id = $2 ORDER BY version`,
        [tenantId, journeyId],
      );
      return rows.map(toVision);
    });
  }

  async step(tenantId: string, stepId: string): Promise<StepView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<StepRow>(`${STEP_SELECT} WHERE tenant_id = $1 AND step_id = $2 ORDER BY journey_id LIMIT 1`, [tenantId, stepId]);
      return rows[0] && toStep(rows[0]);
    });
  }

  async commitment(tenantId: string, commitmentId: string): Promise<CommitmentView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<CommitmentRow>(`${COMMITMENT_SELECT} WHERE tenant_id = $1 AND commitment_id = $2 ORDER BY journey_id LIMIT 1`, [
        tenantId,
        commitmentId,
      ]);
      return rows[0] && toCommitment(rows[0]);
    });
  }
}
