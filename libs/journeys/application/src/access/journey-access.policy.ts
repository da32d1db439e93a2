/**
 * Who may see a journey and what of it: one definition for the query side and the command guards.
 * A journey is seen by whoever may see its team; reflection notes are a coaching relationship, shown
 * to their author and the team's leaders only.
 */
import { canSeeTeam, type TeamViewer } from '@stepwise/tenancy-application/read';
import type { ComfortAnswer, ReflectionTally } from '../journeys-read.port';

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
 * What someone asked for support with, and what a leader offered them, is personal like a note: the
 * request's text is read by whoever asked and the team's leaders; an offer's message by whoever asked,
 * whoever offered, and the team's leaders. The team sees that someone asked (the timeline says so),
 * never what.
 */
export type SupportTextHiddenReason = 'SUPPORT_IS_PRIVATE';

export type SupportTextAsSeen = { readonly text: string; readonly hiddenBecause: null } | { readonly text: null; readonly hiddenBecause: SupportTextHiddenReason };

const shown = (text: string): SupportTextAsSeen => ({ text, hiddenBecause: null });
const hidden: SupportTextAsSeen = { text: null, hiddenBecause: 'SUPPORT_IS_PRIVATE' };

export const canReadSupportRequest = (viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>, requesterId: string): boolean =>
  canReadReflectionNote(viewer, requesterId);

export const canReadSupportOffer = (viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>, requesterId: string, leaderId: string): boolean =>
  canReadReflectionNote(viewer, requesterId) || viewer.memberId === leaderId;

/** A support request's text as this viewer may read it: the text, or null and why. */
export const visibleSupportNeed = (need: string, requesterId: string, viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>): SupportTextAsSeen =>
  canReadSupportRequest(viewer, requesterId) ? shown(need) : hidden;

/** A support offer's message as this viewer may read it: the message, or null and why. */
export const visibleSupportMessage = (
  message: string,
  requesterId: string,
  leaderId: string,
  viewer: Pick<JourneyViewer, 'memberId' | 'teamRole'>,
): SupportTextAsSeen => (canReadSupportOffer(viewer, requesterId, leaderId) ? shown(message) : hidden);

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

export type MeanComfortAsSeen =
  | { readonly mean: number | null; readonly over: number; readonly hiddenBecause: null }
  | { readonly mean: null; readonly over: 0; readonly hiddenBecause: ComfortHiddenReason };

/**
 * The answers a mean comfort is over: a journey's answers in order, cut into consecutive groups, each
 * closed by the answer that brings it to the minimum group size of distinct people; only closed
 * groups count. A mean read at one moment and at another (now and later, or as of two instants)
 * then differ by whole groups, each from at least the minimum group size of people, so subtracting
 * one reading from another never gives back fewer people's comfort than a mean may show.
 */
export const groupedComfort = (answers: readonly ComfortAnswer[], minimumGroupSize: number): { readonly reflections: number; readonly comfortSum: number } => {
  let reflections = 0;
  let comfortSum = 0;
  let group = { reflections: 0, comfortSum: 0, people: new Set<string>() };
  for (const answer of answers) {
    group.reflections += 1;
    group.comfortSum += answer.comfort;
    group.people.add(answer.memberId);
    if (group.people.size >= minimumGroupSize) {
      reflections += group.reflections;
      comfortSum += group.comfortSum;
      group = { reflections: 0, comfortSum: 0, people: new Set() };
    }
  }
  return { reflections, comfortSum };
};

/**
 * A mean comfort is shown to everyone who may see the journey, but only over at least the
 * organisation's minimum group size of distinct people: below it, a mean of two people's answers
 * tells each of them the other's. It is the mean of the answers in closed groups (groupedComfort),
 * `over` that many, so no two readings of it tell one person's answer. No reflections at all is no
 * mean, and nothing hidden.
 */
export const aggregateComfort = (tally: ReflectionTally, minimumGroupSize: number): MeanComfortAsSeen => {
  if (tally.reflections === 0) return { mean: null, over: 0, hiddenBecause: null };
  const counted = groupedComfort(tally.answers, minimumGroupSize);
  if (counted.reflections === 0) return { mean: null, over: 0, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
  return { mean: counted.comfortSum / counted.reflections, over: counted.reflections, hiddenBecause: null };
};
