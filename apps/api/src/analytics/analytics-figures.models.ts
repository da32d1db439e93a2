/** The figures analytics answers with; every type, field and argument says what it means. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AttentionCodeEnum {
  PIVOT_CONSIDERED = 'PIVOT_CONSIDERED',
  STALLED = 'STALLED',
  SUPPORT_WAITING = 'SUPPORT_WAITING',
  DIP_NOT_RECOVERING = 'DIP_NOT_RECOVERING',
  COMMITMENTS_OVERDUE = 'COMMITMENTS_OVERDUE',
}

registerEnumType(AttentionCodeEnum, {
  name: 'AttentionCode',
  description: 'What a finding is about.',
  valuesMap: {
    PIVOT_CONSIDERED: { description: 'Most recent reflections say not closer and there has been no pivot since.' },
    STALLED: { description: 'An active journey with no step taken for the organisation’s stalled-after days.' },
    SUPPORT_WAITING: { description: 'Support requests unanswered for a day or more.' },
    DIP_NOT_RECOVERING: { description: 'Comfort fell after a vision revision and is not back at its level weeks later.' },
    COMMITMENTS_OVERDUE: { description: 'Open commitments past their due date in their member’s timezone.' },
  },
});

@ObjectType({ description: 'Whether a figure is withheld to protect individuals, and why.' })
export class SuppressionModel {
  @Field({ description: 'True when the figures beside it are withheld (zeroed and null).' })
  suppressed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why, in words; null when shown.' })
  reason!: string | null;
}

@ObjectType({ description: 'Reflections by their place in the comfort × direction quadrant; UNSURE answers sit outside it.' })
export class QuadrantCountsModel {
  @Field(() => Int, { description: 'Closer and comfortable (comfort 3 or more).' })
  flowing!: number;

  @Field(() => Int, { description: 'Closer and uncomfortable (comfort 2 or less): a healthy transition.' })
  stretching!: number;

  @Field(() => Int, { description: 'Not closer and uncomfortable: needs support or a pivot.' })
  stuck!: number;

  @Field(() => Int, { description: 'Not closer and comfortable: habit wins.' })
  coasting!: number;
}

@ObjectType({ description: '"Are we closer?" and "how does it feel?" over a set of reflections, never mixed into one number.' })
export class DirectionFiguresModel {
  @Field(() => Int, { description: 'Reflections answering closer: YES.' })
  yes!: number;

  @Field(() => Int, { description: 'Reflections answering closer: NO.' })
  no!: number;

  @Field(() => Int, { description: 'Reflections answering UNSURE: counted and shown, outside the rate and the quadrant.' })
  unsure!: number;

  @Field(() => Float, { nullable: true, description: 'YES / (YES + NO), 0 to 1; null when nobody answered YES or NO.' })
  closerRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean comfort (1-5) over every reflection; null with none.' })
  comfortMean!: number | null;

  @Field(() => [Int], { description: 'Reflections per comfort value: five counts, for comfort 1 to 5.' })
  comfortDistribution!: number[];

  @Field(() => QuadrantCountsModel, { description: 'The comfort × direction quadrant.' })
  quadrants!: QuadrantCountsModel;

  @Field(() => Int, { description: 'Distinct people who reflected (what privacy suppression counts).' })
  people!: number;

  @Field(() => SuppressionModel, { description: 'Withheld above one team when fewer people than the minimum group size answered.' })
  suppression!: SuppressionModel;

  @Field(() => Int, {
    description:
      'For a reader who sees aggregates only: how many journey-weeks (one journey’s answers in one week) with answers are left out of these figures, for fewer distinct people than the minimum group size or the week not over yet; the figures are the sum of the journey-weeks shown. 0 for the team’s leaders.',
  })
  weeksWithheld!: number;
}

@ObjectType({ description: 'One week, Monday 00:00 to the next Monday 00:00 in the organisation’s timezone.' })
export class AnalyticsWeekModel {
  @Field({ description: 'The local date (YYYY-MM-DD) of the week’s Monday.' })
  week!: string;

  @Field({ description: 'When the week starts (Monday 00:00 in the organisation’s timezone).' })
  start!: Date;

  @Field({ description: 'When the next week starts; a DST week is 167 or 169 hours long.' })
  end!: Date;

  @Field(() => DirectionFiguresModel, { description: 'Direction and comfort of the week’s reflections.' })
  direction!: DirectionFiguresModel;

  @Field(() => Int, { description: 'Steps taken in the week, by takenAt.' })
  stepsTaken!: number;
}

@ObjectType({ description: 'Momentum: steps taken, and steps still open.' })
export class MomentumModel {
  @Field(() => Int, { description: 'Steps taken in the window, by takenAt.' })
  stepsTaken!: number;

  @Field(() => Int, {
    description: 'Steps planned and not yet taken or dropped, now, on journeys still under way (active or paused): a completed or abandoned journey’s steps can no longer be taken.',
  })
  openSteps!: number;

  @Field(() => Int, { description: 'Open steps past their due date (in the organisation’s timezone), now.' })
  overdueSteps!: number;
}

@ObjectType({ description: 'Loop discipline: after a step, did its owner ask "are we closer?" in time?' })
export class LoopDisciplineModel {
  @Field(() => Int, { description: 'Steps taken in the window.' })
  stepsTaken!: number;

  @Field(() => Int, { description: 'Of those, steps whose owner reflected on them within the reflection window of takenAt.' })
  reflectedInWindow!: number;

  @Field(() => Float, { nullable: true, description: 'reflectedInWindow / stepsTaken; null with no steps taken.' })
  share!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from takenAt to the owner’s first reflection on the step.' })
  medianHoursToReflection!: number | null;

  @Field(() => Int, { description: 'The organisation’s reflection window, in hours.' })
  windowHours!: number;
}

@ObjectType({ description: 'A pivot in the window, with what the journey answered around it.' })
export class PivotFigureModel {
  @Field(() => ID, { description: 'The pivot.' })
  pivotId!: string;

  @Field(() => ID, { description: 'Its journey.' })
  journeyId!: string;

  @Field({ description: 'When it was made.' })
  at!: Date;

  @Field(() => Float, { nullable: true, description: 'Hours from the first NO of the run of NOs before it; null when no NO preceded it.' })
  hoursFromFirstNo!: number | null;

  @Field(() => Int, {
    description:
      'YES/NO answers compared on each side, the same number on both: as many as the shorter side has. Before: the answers about the direction it turned away from (since the previous pivot, or since the first direction was set). After: the answers about the direction it set (up to the next pivot). UNSURE counts on neither side; an answer at a pivot’s very instant counts before it. 0 when either side has none.',
  })
  reflectionsCompared!: number;

  @Field(() => Float, { nullable: true, description: 'Closer rate of the answers compared before it (the last ones before it); null when none are compared.' })
  closerRateBefore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Closer rate of the answers compared after it (the first ones after it, also those after the window’s `to`); null when none are compared.' })
  closerRateAfter!: number | null;
}

@ObjectType({ description: 'Pivots: changes of direction in the window.' })
export class PivotFiguresModel {
  @Field(() => Int, { description: 'Pivots made in the window.' })
  count!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median hours from the first NO of the run before each pivot to the pivot; null when no NO preceded one, or when withheld (see suppression).',
  })
  medianHoursFromFirstNo!: number | null;

  @Field(() => SuppressionModel, {
    description:
      'Whether the median is withheld, and why: for every reader but the team’s leaders, unless the window’s direction is shown and the first NOs behind the pivots were given by at least the minimum group size of distinct people.',
  })
  suppression!: SuppressionModel;

  @Field(() => [PivotFigureModel], { description: 'The most recent pivots (at most 50), newest first; empty in the organisation view.' })
  pivots!: PivotFigureModel[];
}

@ObjectType({
  description:
    'The comfort dip after a vision revision, and its recovery. The window picks which revisions are listed, not how far they are followed: trough, recovery and weeks are judged from every answer known now, also those after the window’s `to`.',
})
export class TransitionDipModel {
  @Field(() => ID, { description: 'The journey whose vision was revised.' })
  journeyId!: string;

  @Field(() => Int, { description: 'The vision version the revision made.' })
  visionVersion!: number;

  @Field({ description: 'When the vision was revised.' })
  revisedAt!: Date;

  @Field(() => Float, { nullable: true, description: 'Mean comfort in the 4 weeks before the revision: from Monday 00:00 in the organisation’s timezone 4 weeks before the revision’s week up to the revision (those whole weeks, 167 or 169 hours across a change of clocks, and its own week until it); null when nobody reflected then.' })
  baseline!: number | null;

  @Field(() => Float, { nullable: true, description: 'The lowest weekly mean comfort after the revision, until it recovered.' })
  trough!: number | null;

  @Field(() => Int, { nullable: true, description: 'Weeks from the revision’s week to the week comfort was back at the baseline; null: not yet.' })
  weeksToRecover!: number | null;

  @Field({ description: 'True once a week’s mean comfort was back at the baseline.' })
  recovered!: boolean;

  @Field(() => Int, { description: 'Whole weeks from the revision’s week to now (not to the window’s `to`).' })
  weeksSince!: number;
}
