/** Direction and comfort: are we closer, and how does it feel? Never mixed into one number. */

export type Closer = 'YES' | 'NO' | 'UNSURE';
export type Quadrant = 'FLOWING' | 'STRETCHING' | 'STUCK' | 'COASTING';
export const QUADRANTS: readonly Quadrant[] = ['FLOWING', 'STRETCHING', 'STUCK', 'COASTING'];

/** Comfort 3, 4 or 5 is comfortable; 1 or 2 is not. */
export const COMFORTABLE_FROM = 3;

export interface ReflectionFact {
  readonly memberId: string;
  readonly closer: Closer;
  /** 1-5. */
  readonly comfort: number;
  readonly at: Date;
}

export interface DirectionCounts {
  readonly yes: number;
  readonly no: number;
  readonly unsure: number;
}

/** YES / (YES + NO); null when nobody answered YES or NO (UNSURE is outside the rate). */
export const closerRate = ({ yes, no }: Pick<DirectionCounts, 'yes' | 'no'>): number | null => (yes + no === 0 ? null : yes / (yes + no));

/** The comfort × direction quadrant; null for UNSURE, which sits outside it. */
export const quadrantOf = (closer: Closer, comfort: number): Quadrant | null => {
  if (closer === 'UNSURE') return null;
  const comfortable = comfort >= COMFORTABLE_FROM;
  if (closer === 'YES') return comfortable ? 'FLOWING' : 'STRETCHING';
  return comfortable ? 'COASTING' : 'STUCK';
};

export interface DirectionSummary extends DirectionCounts {
  readonly closerRate: number | null;
  /** Mean comfort over every reflection (UNSURE ones included: comfort is its own question). */
  readonly comfortMean: number | null;
  /** Reflections per comfort value, index 0 holding comfort 1. */
  readonly comfortDistribution: readonly [number, number, number, number, number];
  readonly quadrants: Readonly<Record<Quadrant, number>>;
  /** Distinct people who reflected: what privacy suppression counts. */
  readonly people: number;
}

export const summariseDirection = (reflections: readonly ReflectionFact[]): DirectionSummary => {
  const counts = { yes: 0, no: 0, unsure: 0 };
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const quadrants: Record<Quadrant, number> = { FLOWING: 0, STRETCHING: 0, STUCK: 0, COASTING: 0 };
  let comfortTotal = 0;
  for (const reflection of reflections) {
    if (reflection.closer === 'YES') counts.yes += 1;
    else if (reflection.closer === 'NO') counts.no += 1;
    else counts.unsure += 1;
    distribution[reflection.comfort - 1] += 1;
    comfortTotal += reflection.comfort;
    const quadrant = quadrantOf(reflection.closer, reflection.comfort);
    if (quadrant) quadrants[quadrant] += 1;
  }
  return {
    ...counts,
    closerRate: closerRate(counts),
    comfortMean: reflections.length === 0 ? null : comfortTotal / reflections.length,
    comfortDistribution: distribution,
    quadrants,
    people: new Set(reflections.map((reflection) => reflection.memberId)).size,
  };
};

/** The summary of no reflections: what a week without any shows, and a withheld cell in place of its figures. */
export const NO_DIRECTION: DirectionSummary = summariseDirection([]);
