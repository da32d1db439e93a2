/**
 * Who may see a journey and what of it: one definition for the query side and the command guards.
 * A journey is seen by whoever may see its team; reflection notes are a coaching relationship, shown
 * to their author and the team's leaders only.
 */
import { canSeeTeam, type TeamViewer } from '@stepwise/tenancy-application/read';
import type { ReflectionTally } from '../journeys-read.port';

export interface JourneyViewer extends TeamViewer {
  readonly memberId: string;
}

export const canSeeTeamJourneys = (viewer: TeamViewer): boolean => canSeeTeam(viewer);

export const canReadReflectionNote = (viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>, authorId: string | null): boolean =>
  viewer.teamRole === 'LEADER' || (authorId !== null && authorId === viewer.memberId);

/** The note as this viewer may read it: the text, or null. */
export const visibleNote = (note: string | null, authorId: string | null, viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>): string | null =>
  canReadReflectionNote(viewer, authorId) ? note : null;

/**
 * Comfort is personal like a note: one person's comfort is shown to that person and to the team's
 * leaders (a coaching relationship). Peers, and admins for being admins, see comfort only as an
 * aggregate over enough distinct people (see aggregateComfort).
 */
export const canReadIndividualComfort = canReadReflectionNote;

/** Why a comfort figure is not shown. */
export type ComfortHiddenReason = 'INDIVIDUAL_COMFORT_IS_PRIVATE' | 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE';

export type ComfortAsSeen = { readonly comfort: number; readonly hiddenBecause: null } | { readonly comfort: null; readonly hiddenBecause: ComfortHiddenReason };

/** One person's comfort as this viewer may see it: the figure, or null and why. */
export const visibleComfort = (comfort: number, authorId: string | null, viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>): ComfortAsSeen =>
  canReadIndividualComfort(viewer, authorId) ? { comfort, hiddenBecause: null } : { comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' };

export type MeanComfortAsSeen = { readonly mean: number | null; readonly hiddenBecause: null } | { readonly mean: null; readonly hiddenBecause: ComfortHiddenReason };

/**
 * A mean comfort is shown to everyone who may see the journey, but only over at least the
 * organisation's minimum group size of distinct people: below it, a mean of two people's answers
 * tells each of them the other's. No reflections at all is no mean, and nothing hidden.
 */
export const aggregateComfort = (tally: ReflectionTally, minimumGroupSize: number): MeanComfortAsSeen => {
  if (tally.reflections === 0) return { mean: null, hiddenBecause: null };
  if (tally.people < minimumGroupSize) return { mean: null, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
  return { mean: tally.comfortSum / tally.reflections, hiddenBecause: null };
};
