/**
 * The policy's state: small documents, each keyed by what it is about, so the processor loads only
 * the few an event touches. Every document is plain JSON (strings, numbers, booleans, arrays,
 * records), stored as it is and read back the same. A `PolicyState` holds whichever documents
 * were loaded; a document that is absent does not exist.
 */
import type { CloserAnswer, TeamRole } from '@stepwise/journeys-domain';
import type { QuietHours, SubscriptionStatus } from '@stepwise/tenancy-domain';
import type { NudgeRule, NudgeSettings } from '../nudge-rules';
import { storedActivity, type RecentActivity } from './recent-activity';

export { RECENT_ACTIVITY_DAYS, type RecentActivity } from './recent-activity';

/** The organisation's nudge settings (absent until first changed: the defaults hold). */
export interface SettingsDocument {
  readonly rules: NudgeSettings;
}

/** One member: whether they are in the organisation, where they are, and what they want. */
export interface MemberDocument {
  readonly memberId: string;
  /** The name they joined with, so a leader's support nudge can say who needs it (absent in documents kept before it was). */
  readonly displayName?: string;
  /**
   * Their sign-in subject: the person, the same under every member id they have had (removed and
   * added again, see person.identity.ts). Absent in documents kept before it was and not filled in
   * since (migration 0434_nudge_member_subjects), and for an id that never joined.
   */
  readonly subject?: string;
  /** False before they join and after they leave. */
  readonly inOrganisation: boolean;
  readonly timezone: string;
  readonly quietHours: QuietHours | null;
  readonly optedOut: readonly NudgeRule[];
  readonly dailyCap: number;
}

/** One team's roster, its journeys that have not ended (for the weekly digest), and its subscription. */
export interface TeamDocument {
  readonly teamId: string;
  readonly members: Readonly<Record<string, TeamRole>>;
  readonly journeyIds: readonly string[];
  /**
   * The subscription's status; null once created and never subscribed (read-only, as in the tenancy
   * domain). Absent in documents stored before it was kept: such a team is taken as writable.
   */
  readonly subscriptionStatus?: SubscriptionStatus | null;
  /** When the team last became writable (subscribed, or back from PAST_DUE); absent when not known. */
  readonly writableSince?: string;
  /**
   * When each of its leaders became one (member id → instant); a leader absent here (a document
   * stored before it was kept) is taken as leading all along.
   */
  readonly leadingSince?: Readonly<Record<string, string>>;
}

/** A team document's roster field (member id → role), by which a store reads the roster's member documents with the team's. */
export const TEAM_ROSTER_FIELD = 'members' satisfies keyof TeamDocument;

export type PolicyJourneyStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';

/** A step that still matters to a nudge: planned, or taken and not yet reflected on by its owner. */
export interface PolicyStep {
  readonly ownerId: string;
  readonly title: string;
  readonly status: 'PLANNED' | 'TAKEN';
  readonly takenAt: string | null;
}

export interface PolicyCommitment {
  readonly memberId: string;
  readonly dueOn: string;
  readonly status: 'OPEN' | 'KEPT' | 'MISSED';
}

export interface JourneyDocument {
  readonly journeyId: string;
  readonly teamId: string;
  readonly title: string;
  readonly status: PolicyJourneyStatus;
  /** The start of the current stretch without a step taken: the start, the last step taken, or the last resume. */
  readonly quietSince: string;
  readonly visionVersion: number | null;
  /** Planned steps, and taken steps their owner has not reflected on; others are forgotten. */
  readonly steps: Readonly<Record<string, PolicyStep>>;
  readonly lastReflection: { readonly reflectionId: string; readonly closer: CloserAnswer; readonly at: string } | null;
  /** Whether a step was planned since the last reflection. */
  readonly plannedSinceReflection: boolean;
  /** Whether a step was taken since the last reflection (absent in documents kept before it was). */
  readonly takenSinceReflection?: boolean;
  /**
   * Whether a direction is set, so "not closer" is said against one (absent in documents kept before
   * it was: taken as set). A pivot is considered only against a direction.
   */
  readonly directionSet?: boolean;
  /**
   * The current run of NO answers against the current direction (UNSURE neither starts nor ends it;
   * YES, a pivot or the first direction ends it; NOs before any direction start none).
   */
  readonly noRun: {
    readonly firstReflectionId: string;
    readonly count: number;
    /** The count at which the run reached the threshold and a pivot nudge was owed; null while it has not (absent in documents stored before it was kept). */
    readonly pivotOwedAt?: number | null;
  } | null;
  /** The highest vision version each member has reflected against. */
  readonly reflectedOnVision: Readonly<Record<string, number>>;
  /** Support requests no leader has answered yet. */
  readonly openSupport: Readonly<Record<string, { readonly memberId: string; readonly requestedAt: string }>>;
  readonly commitments: Readonly<Record<string, PolicyCommitment>>;
  /** The last RECENT_ACTIVITY_DAYS of reflections and steps taken, per quarter hour, oldest first. */
  readonly recent: readonly RecentActivity[];
}

export interface PolicyState {
  readonly settings?: SettingsDocument;
  readonly members: Readonly<Record<string, MemberDocument>>;
  readonly teams: Readonly<Record<string, TeamDocument>>;
  readonly journeys: Readonly<Record<string, JourneyDocument>>;
}

export const emptyPolicyState = (): PolicyState => ({ members: {}, teams: {}, journeys: {} });

/** A record entry by an id from an event, ignoring inherited keys such as "constructor". */
export const own = <T>(record: Readonly<Record<string, T>>, id: string | null | undefined): T | undefined =>
  id !== null && id !== undefined && Object.hasOwn(record, id) ? record[id] : undefined;

/** Documents are stored by kind and id; the settings document's id is always `organisation`. */
export const DOCUMENT_KINDS = ['settings', 'member', 'team', 'journey'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentKey {
  readonly kind: DocumentKind;
  readonly id: string;
}

export const SETTINGS_DOCUMENT_ID = 'organisation';

export type PolicyDocument = SettingsDocument | MemberDocument | TeamDocument | JourneyDocument;

/** A stored journey document as today's shape: its activity per quarter hour (see recent-activity.ts). */
const storedJourney = (document: JourneyDocument): JourneyDocument => {
  const recent = storedActivity(document.recent);
  return recent === document.recent ? document : { ...document, recent };
};

/** Builds a state from stored documents (what the processor loaded). */
export const stateFromDocuments = (documents: Iterable<{ readonly key: DocumentKey; readonly document: PolicyDocument }>): PolicyState => {
  let settings: SettingsDocument | undefined;
  // Entries, then Object.fromEntries: ids come from events, and an id such as "__proto__" must stay a plain key.
  const members: [string, MemberDocument][] = [];
  const teams: [string, TeamDocument][] = [];
  const journeys: [string, JourneyDocument][] = [];
  for (const { key, document } of documents) {
    if (key.kind === 'settings') settings = document as SettingsDocument;
    if (key.kind === 'member') members.push([key.id, document as MemberDocument]);
    if (key.kind === 'team') teams.push([key.id, document as TeamDocument]);
    if (key.kind === 'journey') journeys.push([key.id, storedJourney(document as JourneyDocument)]);
  }
  return { ...(settings && { settings }), members: Object.fromEntries(members), teams: Object.fromEntries(teams), journeys: Object.fromEntries(journeys) };
};

/** Every document of a state with its key. */
export const documentsOf = (state: PolicyState): { key: DocumentKey; document: PolicyDocument }[] => [
  ...(state.settings ? [{ key: { kind: 'settings' as const, id: SETTINGS_DOCUMENT_ID }, document: state.settings }] : []),
  ...Object.entries(state.members).map(([id, document]) => ({ key: { kind: 'member' as const, id }, document })),
  ...Object.entries(state.teams).map(([id, document]) => ({ key: { kind: 'team' as const, id }, document })),
  ...Object.entries(state.journeys).map(([id, document]) => ({ key: { kind: 'journey' as const, id }, document })),
];

/** The documents of `after` that are not the very same object in `before` (evolve copies what it changes). */
export const changedDocuments = (before: PolicyState, after: PolicyState): { key: DocumentKey; document: PolicyDocument }[] => {
  const previous = new Map(documentsOf(before).map(({ key, document }) => [`${key.kind}/${key.id}`, document]));
  return documentsOf(after).filter(({ key, document }) => previous.get(`${key.kind}/${key.id}`) !== document);
};
