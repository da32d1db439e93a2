/**
 * Who may see a journey and what of it: one definition for the query side and the command guards.
 * A journey is seen by whoever may see its team; reflection notes are a coaching relationship, shown
 * to their author and the team's leaders only. The author is a person: someone removed from the
 * organisation and added again reads what they wrote under the member id they had before.
 */
import { isSamePerson } from '@stepwise/journeys-domain';
import { canSeeTeam, type TeamViewer } from '@stepwise/tenancy-application/read';

export interface JourneyViewer extends TeamViewer {
  readonly memberId: string;
  /** The member ids the viewer's person (sign-in subject) had before they were removed and added again. */
  readonly formerMemberIds: readonly string[];
}

/** What deciding "is this the viewer's own, or do they lead the team" takes. */
export type PersonalReader = Pick<JourneyViewer, 'memberId' | 'formerMemberIds' | 'teamRole'>;

export const canSeeTeamJourneys = (viewer: TeamViewer): boolean => canSeeTeam(viewer);

export const canReadReflectionNote = (viewer: PersonalReader, authorId: string | null): boolean =>
  viewer.teamRole === 'LEADER' || (authorId !== null && isSamePerson(viewer, authorId));

/** The note as this viewer may read it: the text, or null. */
export const visibleNote = (note: string | null, authorId: string | null, viewer: PersonalReader): string | null =>
  canReadReflectionNote(viewer, authorId) ? note : null;

/**
 * What someone asked for support with, and what a leader offered them, is personal like a note: the
 * request's text is read by whoever asked and the team's leaders; an offer's message by whoever asked,
 * whoever offered, and the team's leaders. The team sees that someone asked (the timeline says so),
 * never what.
 */
export type SupportTextHiddenReason = 'SUPPORT_IS_PRIVATE';

export type SupportTextAsSeen = { readonly text: string; readonly hiddenBecause: null } | { readonly text: null; readonly hiddenBecause: SupportTextHiddenReason };

const shown = (text: string): SupportTextAsSeen => ({ text, hiddenBecause: null });
const hidden: SupportTextAsSeen = { text: null, hiddenBecause: 'SUPPORT_IS_PRIVATE' };

export const canReadSupportRequest = (viewer: PersonalReader, requesterId: string): boolean =>
  canReadReflectionNote(viewer, requesterId);

export const canReadSupportOffer = (viewer: PersonalReader, requesterId: string, leaderId: string): boolean =>
  canReadReflectionNote(viewer, requesterId) || isSamePerson(viewer, leaderId);

/** A support request's text as this viewer may read it: the text, or null and why. */
export const visibleSupportNeed = (need: string, requesterId: string, viewer: PersonalReader): SupportTextAsSeen =>
  canReadSupportRequest(viewer, requesterId) ? shown(need) : hidden;

/** A support offer's message as this viewer may read it: the message, or null and why. */
export const visibleSupportMessage = (
  message: string,
  requesterId: string,
  leaderId: string,
  viewer: PersonalReader,
): SupportTextAsSeen => (canReadSupportOffer(viewer, requesterId, leaderId) ? shown(message) : hidden);

/**
 * Comfort is personal like a note: one person's comfort is shown to that person and to the team's
 * leaders (a coaching relationship). Peers, and admins for being admins, see comfort only as an
 * aggregate over enough distinct people (see comfort-groups.ts).
 */
export const canReadIndividualComfort = canReadReflectionNote;

/** Why a comfort figure is not shown. */
export type ComfortHiddenReason = 'INDIVIDUAL_COMFORT_IS_PRIVATE' | 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' | 'READ_IN_ANALYTICS';

export type ComfortAsSeen = { readonly comfort: number; readonly hiddenBecause: null } | { readonly comfort: null; readonly hiddenBecause: ComfortHiddenReason };

/** One person's comfort as this viewer may see it: the figure, or null and why. */
export const visibleComfort = (comfort: number, authorId: string | null, viewer: PersonalReader): ComfortAsSeen =>
  canReadIndividualComfort(viewer, authorId) ? { comfort, hiddenBecause: null } : { comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' };
