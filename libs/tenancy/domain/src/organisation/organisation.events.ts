import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';
import type { OrgRole } from './organisation.commands';
import type { QuietHours } from './organisation.validation';

export const ORGANISATION_STREAM_PREFIX = 'organisation-';
export const organisationStreamId = (organisationId: string): string => `${ORGANISATION_STREAM_PREFIX}${organisationId}`;

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

/** `at` is the command's `now` as an ISO timestamp; `*By` fields are member ids. */
export type OrganisationCreated = Event<
  'OrganisationCreated',
  { organisationId: string; name: string; slug: string; createdBy: string; at: string }
>;

export type MemberJoined = Event<
  'MemberJoined',
  {
    organisationId: string;
    memberId: string;
    subject: string;
    displayName: string;
    email: string | null;
    orgRole: OrgRole;
    timezone: string;
    quietHours: QuietHours | null;
    addedBy: string;
    at: string;
  }
>;

export type MemberRoleChanged = Event<
  'MemberRoleChanged',
  { organisationId: string; memberId: string; fromRole: OrgRole; toRole: OrgRole; changedBy: string; at: string }
>;

export type MemberPreferencesUpdated = Event<
  'MemberPreferencesUpdated',
  { organisationId: string; memberId: string; timezone: string; quietHours: QuietHours | null; updatedBy: string; at: string }
>;

/** The member's email address after the change; null when it was cleared. */
export type MemberEmailChanged = Event<'MemberEmailChanged', { organisationId: string; memberId: string; email: string | null; changedBy: string; at: string }>;

export type MemberLeft = Event<'MemberLeft', { organisationId: string; memberId: string; removedBy: string; at: string }>;

/** The organisation's settings after the change, whole (absent before the first: the defaults hold). */
export type OrganisationSettingsChanged = Event<
  'OrganisationSettingsChanged',
  {
    organisationId: string;
    timezone: string;
    minimumGroupSize: number;
    stalledAfterDays: number;
    reflectionWindowHours: number;
    changedBy: string;
    at: string;
  }
>;

export type OrganisationEvent =
  | OrganisationCreated
  | MemberJoined
  | MemberRoleChanged
  | MemberPreferencesUpdated
  | MemberEmailChanged
  | MemberLeft
  | OrganisationSettingsChanged;
export type OrganisationEventType = OrganisationEvent['type'];

/**
 * The schema version each organisation event is written at today. A record keyed by the union, so the
 * compiler proves it names every event type and no other.
 */
export const organisationEventSchemaVersions: EventSchemaVersions<OrganisationEvent> = {
  OrganisationCreated: 1,
  MemberJoined: 1,
  MemberRoleChanged: 1,
  MemberPreferencesUpdated: 1,
  MemberLeft: 1,
  OrganisationSettingsChanged: 1,
  MemberEmailChanged: 1,
};

export const organisationEventTypes: readonly OrganisationEventType[] = eventTypesOf(organisationEventSchemaVersions);

export const isOrganisationEvent = (event: { type: string }): event is OrganisationEvent => isEventTypeOf(organisationEventSchemaVersions, event.type);
