/**
 * Every event the nudge policy follows: who is in the organisation and where they are (tenancy),
 * who is on which team in which role, the change loop itself (journeys), and the nudge settings
 * and preferences. One union, one schema-version map, so the processor decodes them in one place.
 */
import { eventTypesOf, isEventTypeOf, type EventSchemaVersions, type EventTypeOf } from '@stepwise/kernel';
import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { organisationEventSchemaVersions, teamEventSchemaVersions, type OrganisationEvent, type TeamEvent } from '@stepwise/tenancy-domain';
import { nudgePreferencesEventSchemaVersions, type NudgePreferencesEvent } from '../nudge-preferences.events';

export type PolicyEvent = OrganisationEvent | TeamEvent | JourneyEvent | NudgePreferencesEvent;
export type PolicyEventType = EventTypeOf<PolicyEvent>;

export const policyEventSchemaVersions: EventSchemaVersions<PolicyEvent> = {
  ...organisationEventSchemaVersions,
  ...teamEventSchemaVersions,
  ...journeyEventSchemaVersions,
  ...nudgePreferencesEventSchemaVersions,
};

/**
 * Whether the policy reads an event type. A record over the whole union, so a new event in any of
 * them is a compile error here until someone says whether it matters to nudges.
 */
const READS: { readonly [Type in PolicyEventType]: boolean } = {
  OrganisationCreated: false,
  MemberJoined: true,
  MemberRoleChanged: false,
  MemberPreferencesUpdated: true,
  MemberLeft: true,
  // Where a nudge is sent is read at delivery (MemberReachability), not decided here.
  MemberEmailChanged: false,
  OrganisationSettingsChanged: false,
  TeamCreated: true,
  // A team that is not TRIALING or ACTIVE is read-only: nothing is owed for its journeys.
  TeamSubscribed: true,
  SubscriptionChanged: true,
  SubscriptionCancelled: true,
  TeamMemberJoined: true,
  TeamMemberRoleChanged: true,
  TeamMemberLeft: true,
  JourneyStarted: true,
  VisionArticulated: true,
  VisionRevised: true,
  DirectionSet: true,
  StepPlanned: true,
  StepTaken: true,
  StepDropped: true,
  ReflectionRecorded: true,
  PivotMade: true,
  SupportRequested: true,
  SupportOffered: true,
  CommitmentMade: true,
  CommitmentKept: true,
  CommitmentMissed: true,
  JourneyPaused: true,
  JourneyResumed: true,
  JourneyCompleted: true,
  JourneyAbandoned: true,
  NudgeSettingsChanged: true,
  NotificationPreferencesChanged: true,
};

/** The event types the policy's processor asks the log for. */
export const policyEventTypes: readonly PolicyEventType[] = eventTypesOf(policyEventSchemaVersions).filter((type) => READS[type]);

export const isPolicyEvent = (event: { type: string }): event is PolicyEvent => isEventTypeOf(policyEventSchemaVersions, event.type);

/** One event as the policy receives it: the domain event, where it sits in the log, when it was recorded, and whose it is. */
export interface PolicyInput {
  readonly event: PolicyEvent;
  readonly organisationId: string;
  /** The event's global position (decimal string): each nudge it makes owed names it. */
  readonly position: string;
  /**
   * When the log recorded the event (ISO): nothing it makes owed is due before then. A fact
   * recorded late (a step taken days ago, recorded now) owes its nudges from when it was recorded.
   */
  readonly recordedAt: string;
}
