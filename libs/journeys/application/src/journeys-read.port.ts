import type { Page, PageRequest } from '@stepwise/kernel';

/** What the api reads about journeys (answered from read tables the worker's projections keep). */
export interface JourneySummary {
  readonly journeyId: string;
  readonly teamId: string;
  readonly title: string;
  readonly status: 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';
  readonly startedBy: string;
  readonly startedAt: Date;
  readonly vision: VisionVersionView | null;
  readonly direction: string | null;
  /** The step most recently planned, taken or dropped: the journey's latest move. */
  readonly lastStep: StepView | null;
  readonly lastReflection: ReflectionView | null;
  readonly updatedAt: Date;
  /** The journey stream's version the row reflects. */
  readonly version: number;
}

export interface VisionVersionView {
  readonly version: number;
  readonly statement: string;
  readonly expectations: readonly string[];
  readonly successSignals: readonly string[];
  /** Null for the first articulation. */
  readonly reason: string | null;
  readonly by: string;
  readonly at: Date;
}

export interface StepView {
  readonly stepId: string;
  readonly journeyId: string;
  readonly teamId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly dueOn: string | null;
  readonly status: 'PLANNED' | 'TAKEN' | 'DROPPED';
  readonly plannedAt: Date;
  readonly takenAt: Date | null;
  readonly droppedAt: Date | null;
}

export interface ReflectionView {
  readonly reflectionId: string;
  readonly journeyId: string;
  readonly memberId: string;
  readonly closer: 'YES' | 'NO' | 'UNSURE';
  readonly comfort: number;
  /** The full note; the api decides who may see it. */
  readonly note: string | null;
  readonly stepId: string | null;
  /** The direction in force when it was recorded (null before one was set): a pivot cites those on the current one. */
  readonly direction: string | null;
  readonly at: Date;
}

export interface CommitmentView {
  readonly commitmentId: string;
  readonly journeyId: string;
  readonly teamId: string;
  readonly memberId: string;
  readonly description: string;
  readonly dueOn: string;
  readonly status: 'OPEN' | 'KEPT' | 'MISSED';
  readonly madeAt: Date;
  readonly resolvedAt: Date | null;
}

export interface TimelineEntry {
  readonly journeyId: string;
  /** The event's version in the journey stream: the timeline's order. */
  readonly sequence: number;
  readonly eventType: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly at: Date;
  /**
   * A sentence for people, e.g. `Ada took the step "Run a pilot"`; never contains a reflection note,
   * nor the text of a support request or of a leader's offer (those are personal too), nor comfort.
   */
  readonly summary: string;
  /** A reflection's comfort (1–5), apart from the sentence: the api shows it to whom it may. */
  readonly comfort: number | null;
  /** Reflection notes only; the api shows them to leaders and to their author. */
  readonly note: string | null;
  readonly noteAuthorId: string | null;
}

/** A member's request for support, with every offer a leader made on it, oldest first. */
export interface SupportRequestView {
  readonly requestId: string;
  readonly journeyId: string;
  readonly teamId: string;
  readonly requesterId: string;
  /** The requester's display name as the directory has it now; null when their record is gone. */
  readonly requesterName: string | null;
  /** What they asked, in full; the api decides who may read it. */
  readonly need: string;
  readonly requestedAt: Date;
  readonly offers: readonly SupportOfferView[];
}

export interface SupportOfferView {
  readonly leaderId: string;
  readonly leaderName: string | null;
  /** The leader's message, in full; the api decides who may read it. */
  readonly message: string;
  readonly offeredAt: Date;
}

/** One reflection's comfort, who gave it, and when it was recorded. */
export interface ComfortAnswer {
  readonly memberId: string;
  /**
   * Who gave it as a person: the member's sign-in subject, which a member who left the organisation
   * and was added again (under a new member id) keeps. Distinct people are counted by it.
   */
  readonly person: string;
  readonly comfort: number;
  readonly at: Date;
}

/** Reflections counted together: how many, from how many distinct people, and each one's comfort. */
export interface ReflectionTally {
  readonly reflections: number;
  /** Distinct people (see ComfortAnswer.person), not member ids. */
  readonly people: number;
  /** Every reflection's comfort, oldest first (by `at`, then by reflection id): what a mean comfort is made of. */
  readonly answers: readonly ComfortAnswer[];
}

/**
 * The asking member as a person: the member ids their sign-in subject had before they were removed
 * from the organisation and added again (none for most), read with what they asked for. What they
 * wrote under those ids is theirs to read (see JourneyViewer).
 */
export interface ViewerAsPerson {
  readonly viewerFormerMemberIds: readonly string[];
}

/** A journey with the asking member's role on its team (null when not on it), read together. */
export interface JourneyAsSeen extends ViewerAsPerson {
  readonly journey: JourneySummary;
  readonly viewerTeamRole: 'LEADER' | 'STAFF' | null;
}

/** A page of a team's journeys with the asking member's role on the team (null when not on it), read together. */
export interface TeamJourneysAsSeen extends ViewerAsPerson {
  readonly viewerTeamRole: 'LEADER' | 'STAFF' | null;
  readonly page: Page<JourneySummary>;
}

/** A page of the journeys of the asking member's teams, with the member as a person, read together. */
export interface MemberJourneysAsSeen extends ViewerAsPerson {
  readonly page: Page<JourneySummary>;
}

export interface JourneysReadModel {
  journey(tenantId: string, journeyId: string): Promise<JourneySummary | undefined>;
  /** The journey, the member's role on its team and the member as a person, in one read (what every journey query checks first). */
  journeyAsSeenBy(tenantId: string, journeyId: string, memberId: string): Promise<JourneyAsSeen | undefined>;
  /**
   * Journeys of one team, newest first, with the member's role on the team and the member as a
   * person, in one read (what the access policy decides on); undefined when the team does not exist.
   */
  teamJourneysAsSeenBy(tenantId: string, teamId: string, memberId: string, page: PageRequest): Promise<TeamJourneysAsSeen | undefined>;
  /** Journeys of every team the member belongs to, newest first, and the member as a person, in one read. */
  memberJourneys(tenantId: string, memberId: string, page: PageRequest): Promise<MemberJourneysAsSeen>;
  /** Planned (not taken, not dropped) steps the member owns on the teams they belong to, soonest due first. */
  openSteps(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>>;
  /** Steps the member owns and took, on the teams they belong to, that have no reflection of theirs yet, oldest first. */
  stepsAwaitingReflection(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>>;
  /**
   * The member's commitments on the teams they belong to (only those in `status` when given),
   * soonest due first, then oldest made: keys a commitment keeps, so a cursor never skips or repeats
   * one that is kept or missed between pages.
   */
  commitments(tenantId: string, memberId: string, page: PageRequest, status?: CommitmentView['status']): Promise<Page<CommitmentView>>;
  /** Every event of the journey, rendered for people, in stream order. */
  timeline(tenantId: string, journeyId: string, page: PageRequest): Promise<Page<TimelineEntry>>;
  /**
   * The journey's requests for support, oldest first (by when asked, then id: keys a request keeps,
   * so paging on while offers arrive neither skips nor repeats one), each with its offers. With
   * `asOf`, only what was asked and offered by that instant.
   */
  supportRequests(tenantId: string, journeyId: string, page: PageRequest, asOf?: Date): Promise<Page<SupportRequestView>>;
  /**
   * The journey's commitments, whoever made them (only those in `status` when given), in the order
   * `commitments` lists a member's. With `asOf`, those made by that instant, kept or missed only if
   * that was by then too.
   */
  journeyCommitments(tenantId: string, journeyId: string, page: PageRequest, status?: CommitmentView['status'], asOf?: Date): Promise<Page<CommitmentView>>;
  /**
   * The journey's reflections (only those that answered `closer` when given), newest first: by
   * when recorded, then id, keys a reflection keeps. With `asOf`, those recorded by that instant.
   */
  journeyReflections(tenantId: string, journeyId: string, page: PageRequest, closer?: ReflectionView['closer'], asOf?: Date): Promise<Page<ReflectionView>>;
  /** Every step of the journey, in the order planned. */
  journeySteps(tenantId: string, journeyId: string): Promise<StepView[]>;
  /** The journey's reflections so far, counted. */
  reflectionTally(tenantId: string, journeyId: string): Promise<ReflectionTally>;
  /** All vision versions, oldest first. */
  visionHistory(tenantId: string, journeyId: string): Promise<VisionVersionView[]>;
  /** One step by its id alone (to refetch it); who may see it is its journey's rule. */
  step(tenantId: string, stepId: string): Promise<StepView | undefined>;
  /** One commitment by its id alone (to refetch it); who may see it is its journey's rule. */
  commitment(tenantId: string, commitmentId: string): Promise<CommitmentView | undefined>;
}

export const JOURNEYS_READ_MODEL = Symbol('stepwise.journeys-read-model');
