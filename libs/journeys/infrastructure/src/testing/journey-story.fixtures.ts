/**
 * Test data builders for the journeys read model: appends real events, with data written by hand to
 * match the domain's event types, through the event store. Time moves one minute per event.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@stepwise/event-store';
import { journeyEventSchemaVersions, journeyStreamId, type JourneyEvent } from '@stepwise/journeys-domain';
import { renderTimelineLine } from '../timeline-sentence.renderer';
import { organisationStreamId, teamStreamId, type MemberJoined, type MemberLeft, type TeamCreated, type TeamMemberJoined } from '@stepwise/tenancy-domain';

type JourneyData<T extends JourneyEvent['type']> = Omit<Extract<JourneyEvent, { type: T }>['data'], 'journeyId' | 'teamId' | 'at'>;

export class TenantStory {
  private minute = 0;

  constructor(
    private readonly store: EventStore,
    readonly tenantId: string = `org-${randomUUID()}`,
    private readonly start = Date.parse('2026-03-02T09:00:00.000Z'),
  ) {}

  /** The next instant of the story, as events carry it. */
  tick(): string {
    return new Date(this.start + 60_000 * this.minute++).toISOString();
  }

  /** A member joins; `subject` is their sign-in subject (one of their own unless given: someone added again keeps theirs). */
  async member(memberId: string, displayName: string, subject = `auth|${memberId}`): Promise<void> {
    const data: MemberJoined['data'] = {
      organisationId: this.tenantId,
      memberId,
      subject,
      displayName,
      email: null,
      orgRole: 'MEMBER',
      timezone: 'Europe/London',
      quietHours: null,
      addedBy: memberId,
      at: this.tick(),
    };
    await this.append(organisationStreamId(this.tenantId), 'MemberJoined', data, memberId);
  }

  /** A member is removed from the organisation (by themselves, for brevity). */
  async memberLeft(memberId: string): Promise<void> {
    const data: MemberLeft['data'] = { organisationId: this.tenantId, memberId, removedBy: memberId, at: this.tick() };
    await this.append(organisationStreamId(this.tenantId), 'MemberLeft', data, memberId);
  }

  async team(teamId: string, name: string, createdBy: string): Promise<void> {
    const data: TeamCreated['data'] = { teamId, organisationId: this.tenantId, name, createdBy, at: this.tick() };
    await this.append(teamStreamId(teamId), 'TeamCreated', data, createdBy);
  }

  async teamMember(teamId: string, memberId: string, role: TeamMemberJoined['data']['role']): Promise<void> {
    const data: TeamMemberJoined['data'] = { teamId, organisationId: this.tenantId, memberId, role, addedBy: memberId, at: this.tick() };
    await this.append(teamStreamId(teamId), 'TeamMemberJoined', data, memberId);
  }

  journey(journeyId: string, teamId: string): JourneyStory {
    return new JourneyStory(this, journeyId, teamId);
  }

  async append(streamId: string, type: string, data: object, actorId: string, schemaVersion = 1): Promise<void> {
    await this.store.append(this.tenantId, streamId, [
      { id: randomUUID(), type, schemaVersion, data: { ...data }, metadata: { actorId, correlationId: randomUUID() } },
    ]);
  }
}

export class JourneyStory {
  constructor(
    private readonly tenant: TenantStory,
    readonly journeyId: string,
    readonly teamId: string,
  ) {}

  /** Appends one journey event; returns the instant it carries. */
  async emit<T extends JourneyEvent['type']>(type: T, data: JourneyData<T>): Promise<string> {
    const at = this.tenant.tick();
    // Sound by construction: `data` is the rest of the event of type T.
    const event = { type, data: { journeyId: this.journeyId, teamId: this.teamId, at, ...data } } as unknown as JourneyEvent;
    // The metadata's actor is the one the timeline names: one definition of who did what.
    const { actorId } = renderTimelineLine(event, null);
    await this.tenant.append(journeyStreamId(this.journeyId), type, event.data, actorId, journeyEventSchemaVersions[type]);
    return at;
  }
}

/**
 * Ada leads team-1 (with Ben, staff) and team-2 (with Cy, staff). On team-1, "pilot" runs the whole
 * loop: vision, direction, steps taken and dropped, reflections, a pivot, a revised vision,
 * support and commitments, a pause; "feedback" starts later. On team-2, "onboarding" starts between.
 * `label` prefixes titles so two tenants telling the story hold different text under the same ids.
 */
export const tellPilotStory = async (tenant: TenantStory, label = ''): Promise<void> => {
  await tenant.member('ada', 'Ada');
  await tenant.member('ben', 'Ben');
  await tenant.member('cy', 'Cy');
  await tenant.team('team-1', `${label}Readers`, 'ada');
  await tenant.team('team-2', `${label}Onboarders`, 'ada');
  await tenant.teamMember('team-1', 'ada', 'LEADER');
  await tenant.teamMember('team-1', 'ben', 'STAFF');
  await tenant.teamMember('team-2', 'ada', 'LEADER');
  await tenant.teamMember('team-2', 'cy', 'STAFF');

  const pilot = tenant.journey('pilot', 'team-1');
  await pilot.emit('JourneyStarted', { title: `${label}Pilot check-ins`, startedBy: 'ada' });
  await tenant.journey('onboarding', 'team-2').emit('JourneyStarted', { title: `${label}Better onboarding`, startedBy: 'ada' });
  const vision = { expectations: ['Everyone speaks'], successSignals: ['Fewer surprises'] };
  await pilot.emit('VisionArticulated', { version: 1, statement: 'Problems surface early', ...vision, articulatedBy: 'ada' });
  await pilot.emit('DirectionSet', { direction: 'Weekly 1:1 check-ins', setBy: 'ada' });
  await pilot.emit('StepPlanned', { stepId: 's-pilot', title: 'Run a pilot', ownerId: 'ben', dueOn: '2026-03-10', plannedBy: 'ben' });
  await pilot.emit('StepPlanned', { stepId: 's-survey', title: 'Survey the team', ownerId: 'ben', dueOn: null, plannedBy: 'ada' });
  await pilot.emit('StepPlanned', { stepId: 's-agenda', title: 'Draft an agenda', ownerId: 'ben', dueOn: '2026-03-05', plannedBy: 'ben' });
  await pilot.emit('StepPlanned', { stepId: 's-notes', title: 'Write up notes', ownerId: 'ben', dueOn: '2026-03-08', plannedBy: 'ben' });
  await pilot.emit('StepPlanned', { stepId: 's-room', title: 'Find a room', ownerId: 'ben', dueOn: '2026-03-08', plannedBy: 'ben' });
  await pilot.emit('StepPlanned', { stepId: 's-invite', title: 'Send invites', ownerId: 'ben', dueOn: '2026-03-09', plannedBy: 'ben' });
  await pilot.emit('StepTaken', { stepId: 's-pilot', ownerId: 'ben', takenBy: 'ben', takenAt: tenant.tick() });
  await pilot.emit('StepTaken', { stepId: 's-agenda', ownerId: 'ben', takenBy: 'ada', takenAt: tenant.tick() });
  const reflection = { visionVersion: 1, direction: 'Weekly 1:1 check-ins' };
  await pilot.emit('ReflectionRecorded', {
    reflectionId: 'r-ben', memberId: 'ben', closer: 'NO', comfort: 2, note: 'I felt exposed in the meeting', stepId: 's-pilot', ...reflection,
  });
  // A leader's reflection about Ben's step does not settle Ben's own.
  await pilot.emit('ReflectionRecorded', { reflectionId: 'r-ada', memberId: 'ada', closer: 'YES', comfort: 4, note: null, stepId: 's-agenda', ...reflection });
  await pilot.emit('PivotMade', {
    pivotId: 'p-1', fromDirection: 'Weekly 1:1 check-ins', toDirection: 'Fortnightly team retros', reason: '1:1s felt like surveillance',
    reflectionIds: ['r-ben'], pivotedBy: 'ada',
  });
  await pilot.emit('VisionRevised', { version: 2, statement: 'Problems surface early, as a team', ...vision, reason: 'People want team time', revisedBy: 'ada' });
  await pilot.emit('SupportRequested', { requestId: 'q-1', memberId: 'ben', need: 'I do not know how to run a retro' });
  await pilot.emit('SupportOffered', { requestId: 'q-1', requestedBy: 'ben', leaderId: 'ada', message: 'Let us pair on the first one' });
  await pilot.emit('CommitmentMade', { commitmentId: 'c-notes', memberId: 'ben', description: 'Share retro notes', dueOn: '2026-03-20', madeBy: 'ben' });
  await pilot.emit('CommitmentMade', { commitmentId: 'c-room', memberId: 'ben', description: 'Book the room', dueOn: '2026-03-12', madeBy: 'ada' });
  await pilot.emit('CommitmentKept', { commitmentId: 'c-room', memberId: 'ben', markedBy: 'ada' });
  await pilot.emit('StepDropped', { stepId: 's-invite', ownerId: 'ben', reason: 'Retros replace invites', droppedBy: 'ben' });
  await pilot.emit('JourneyPaused', { reason: 'Half-term', pausedBy: 'ada' });
  await pilot.emit('JourneyResumed', { resumedBy: 'ada' });
  await tenant.journey('feedback', 'team-1').emit('JourneyStarted', { title: `${label}Feedback loops`, startedBy: 'ada' });
};
