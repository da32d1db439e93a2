/**
 * Privacy: a figure above one team, or broken down by person, is withheld when fewer distinct people
 * than the organisation's minimum group size answered in that cell, so no one's answers can be read
 * back out of an aggregate.
 */

export interface Suppression {
  readonly suppressed: boolean;
  /** Why, in words a leader reads; null when shown. */
  readonly reason: string | null;
}

export const SHOWN: Suppression = { suppressed: false, reason: null };

export const suppressionFor = (distinctPeople: number, minimumGroupSize: number): Suppression =>
  distinctPeople >= minimumGroupSize
    ? SHOWN
    : {
        suppressed: true,
        reason:
          distinctPeople === 0
            ? 'Nobody answered in this period'
            : `Fewer than ${minimumGroupSize} people answered in this period (the organisation's minimum group size)`,
      };

/** Where only aggregates are shown, findings on one journey's answers (ANSWER_BEARING_FINDINGS) are left out, whatever they are. */
export const ANSWER_BEARING_FINDINGS_WITHHELD: Suppression = {
  suppressed: true,
  reason: "Findings on a journey's comfort or direction are a few people's answers: only the team's leaders see them",
};

/**
 * The comfort × direction quadrant, where only aggregates are shown: each reflection's direction is
 * shown with who gave it to everyone who may see the journey, so a quadrant's row is the comfort of
 * the people who answered that way, which may be one person however many the cell is over (one YES
 * in a week of three: FLOWING or STRETCHING is that person's comfort). It is left out, whatever it is.
 */
export const QUADRANTS_WITHHELD: Suppression = {
  suppressed: true,
  reason: "Each answer's direction is shown with who gave it, so the comfort of those who answered one way may be one person's: only the team's leaders see the quadrant",
};

/**
 * The median hours from a first NO to a pivot, where only aggregates are shown: over fewer distinct
 * people's first NOs than the minimum group size it is one person's answer timed (a single pivot's
 * median is when its first NO was given), so it is withheld.
 */
export const pivotLeadTimeSuppression = (firstNoPeople: number, minimumGroupSize: number): Suppression =>
  firstNoPeople >= minimumGroupSize
    ? SHOWN
    : {
        suppressed: true,
        reason:
          firstNoPeople === 0
            ? 'No pivot in this period followed a "not closer" answer'
            : `The pivots in this period followed the first "not closer" of fewer than ${minimumGroupSize} people (the organisation's minimum group size)`,
      };
