/**
 * Who may see a journey and what of it: one definition for the query side and the command guards.
 * A journey is seen by whoever may see its team; reflection notes are a coaching relationship, shown
 * to their author and the team's leaders only.
 */
import { canSeeTeam, type TeamViewer } from '@stepwise/tenancy-application/read';

export interface JourneyViewer extends TeamViewer {
  readonly memberId: string;
}

export const canSeeTeamJourneys = (viewer: TeamViewer): boolean => canSeeTeam(viewer);

export const canReadReflectionNote = (viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>, authorId: string | null): boolean =>
  viewer.teamRole === 'LEADER' || (authorId !== null && authorId === viewer.memberId);

/** The note as this viewer may read it: the text, or null. */
export const visibleNote = (note: string | null, authorId: string | null, viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>): string | null =>
  canReadReflectionNote(viewer, authorId) ? note : null;
