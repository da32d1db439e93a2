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

export const WITHHELD_BESIDE_A_SMALLER_CELL =
  'Withheld beside a cell below the minimum group size, which the total less the cells shown would otherwise give away';

/** Where only aggregates are shown, findings on one journey's answers (ANSWER_BEARING_FINDINGS) are left out, whatever they are. */
export const ANSWER_BEARING_FINDINGS_WITHHELD: Suppression = {
  suppressed: true,
  reason: "Findings on a journey's comfort or direction are a few people's answers: only the team's leaders see them",
};

/**
 * The suppression of each cell of a breakdown whose cells add up to a total (a window's weeks, an
 * organisation's teams). A cell withheld alone is the shown total less the shown cells: when one
 * with someone in it is withheld under a shown total, the shown cell with the fewest people is
 * withheld too, so what that difference gives is over at least the minimum group size of people.
 */
export const breakdownSuppressions = (people: readonly number[], minimumGroupSize: number, totalShown: boolean): Suppression[] => {
  const cells = people.map((count) => suppressionFor(count, minimumGroupSize));
  if (!totalShown || !people.some((count, index) => count > 0 && cells[index].suppressed)) return cells;
  let fewest = -1;
  for (const [index, count] of people.entries()) {
    if (!cells[index].suppressed && (fewest === -1 || count < people[fewest])) fewest = index;
  }
  if (fewest !== -1) cells[fewest] = { suppressed: true, reason: WITHHELD_BESIDE_A_SMALLER_CELL };
  return cells;
};
