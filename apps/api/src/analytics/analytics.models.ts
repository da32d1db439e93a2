import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  AnalyticsWeekModel,
  AttentionCodeEnum,
  DirectionFiguresModel,
  LoopDisciplineModel,
  MomentumModel,
  PivotFiguresModel,
  SuppressionModel,
  TransitionDipModel,
} from './analytics-figures.models';

@ObjectType({ description: 'Participation: who of the team reflected lately.' })
export class ParticipationModel {
  @Field({ description: 'Start of the 7 days counted.' })
  from!: Date;

  @Field({ description: 'End of the 7 days counted: the window’s end, or now if earlier.' })
  to!: Date;

  @Field(() => Int, { description: 'Members of the team(s) at any time in those 7 days.' })
  members!: number;

  @Field(() => Int, { nullable: true, description: 'Of them, those who reflected in those 7 days; null when withheld (see suppression).' })
  reflected!: number | null;

  @Field(() => Float, { nullable: true, description: 'reflected / members; null with no members, or when withheld.' })
  share!: number | null;

  @Field(() => SuppressionModel, { description: 'Withheld above one team when fewer people than the minimum group size reflected.' })
  suppression!: SuppressionModel;
}

@ObjectType({ description: 'An active journey with no step taken for the stalled-after days.' })
export class StalledJourneyModel {
  @Field(() => ID, { description: 'The journey.' })
  journeyId!: string;

  @Field({ description: 'Its title.' })
  title!: string;

  @Field({ description: 'Quiet since: its last step taken, or its start when none was, or when it last resumed if that is later (the weeks it was paused are not days it failed to move).' })
  quietSince!: Date;

  @Field(() => Int, { description: 'Whole days since then.' })
  daysWithoutStep!: number;
}

@ObjectType({ description: 'Stalled journeys, judged now (not at the window’s end).' })
export class StalledFiguresModel {
  @Field(() => Int, { description: 'How many journeys are stalled.' })
  count!: number;

  @Field(() => Int, { description: 'The organisation’s stalled-after days.' })
  stalledAfterDays!: number;

  @Field(() => [StalledJourneyModel], { description: 'The longest-quiet ones first (at most 50).' })
  journeys!: StalledJourneyModel[];
}

@ObjectType({ description: 'A support request no leader has answered yet.' })
export class OpenSupportRequestModel {
  @Field(() => ID, { description: 'Its journey.' })
  journeyId!: string;

  @Field(() => ID, { description: 'The request.' })
  requestId!: string;

  @Field({ description: 'When it was asked.' })
  requestedAt!: Date;

  @Field(() => Int, { description: 'Whole hours it has waited.' })
  ageHours!: number;
}

@ObjectType({ description: 'Support requests still open, now.' })
export class SupportFiguresModel {
  @Field(() => Int, { description: 'How many are open.' })
  open!: number;

  @Field(() => Int, { nullable: true, description: 'Hours the oldest has waited; null when none is open.' })
  oldestAgeHours!: number | null;

  @Field(() => [OpenSupportRequestModel], { description: 'The oldest first (at most 50).' })
  requests!: OpenSupportRequestModel[];
}

@ObjectType({ description: 'Accountability: commitments kept, missed and overdue.' })
export class CommitmentFiguresModel {
  @Field(() => Int, { description: 'Marked kept in the window.' })
  kept!: number;

  @Field(() => Int, { description: 'Marked missed in the window.' })
  missed!: number;

  @Field(() => Int, { description: 'Open now: not yet kept or missed, on any journey (one made before its journey ended can still be marked).' })
  open!: number;

  @Field(() => Int, {
    description: 'Open now and past their due date in their member’s timezone, on journeys not completed or abandoned (as COMMITMENTS_OVERDUE and the commitment nudges count them).',
  })
  overdue!: number;
}

@ObjectType({ description: 'A number behind a finding.' })
export class AttentionFigureModel {
  @Field({ description: 'What the number is (e.g. notCloser, daysWithoutStep).' })
  name!: string;

  @Field(() => Float, { description: 'The number.' })
  value!: number;
}

@ObjectType({ description: 'Something a leader can act on, in plain words, with the numbers behind it.' })
export class AttentionFindingModel {
  @Field(() => AttentionCodeEnum, { description: 'What kind of finding it is.' })
  code!: AttentionCodeEnum;

  @Field(() => ID, { description: 'The journey it is about.' })
  journeyId!: string;

  @Field({ description: 'The finding in words.' })
  message!: string;

  @Field(() => [AttentionFigureModel], { description: 'The numbers behind it.' })
  figures!: AttentionFigureModel[];
}

@ObjectType({ description: 'One team’s direction and comfort in the organisation view.' })
export class TeamDirectionModel {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;

  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => DirectionFiguresModel, { description: 'Its direction and comfort; withheld below the minimum group size.' })
  direction!: DirectionFiguresModel;
}

@ObjectType('Analytics', { description: 'Change analytics for a journey, a team or the organisation over a window, with weekly buckets.' })
export class AnalyticsModel {
  @Field({ description: 'Start of the window (inclusive).' })
  from!: Date;

  @Field({ description: 'End of the window (exclusive).' })
  to!: Date;

  @Field({ description: 'The organisation timezone the weeks are read in.' })
  timezone!: string;

  @Field(() => DirectionFiguresModel, { description: 'Direction and comfort over the whole window.' })
  direction!: DirectionFiguresModel;

  @Field(() => [AnalyticsWeekModel], { description: 'Every week overlapping the window, oldest first, empty weeks included.' })
  weeks!: AnalyticsWeekModel[];

  @Field(() => MomentumModel, { description: 'Steps taken and open.' })
  momentum!: MomentumModel;

  @Field(() => LoopDisciplineModel, { description: 'Whether steps get their reflection in time.' })
  loopDiscipline!: LoopDisciplineModel;

  @Field(() => PivotFiguresModel, { description: 'Changes of direction.' })
  pivots!: PivotFiguresModel;

  @Field(() => [TransitionDipModel], { description: 'The comfort dip after each of the most recent vision revisions in the window (at most 50), newest first; empty in the organisation view.' })
  transitionDips!: TransitionDipModel[];

  @Field(() => ParticipationModel, { description: 'Who reflected in the last 7 days of the window.' })
  participation!: ParticipationModel;

  @Field(() => StalledFiguresModel, { description: 'Journeys with no step taken lately.' })
  stalled!: StalledFiguresModel;

  @Field(() => SupportFiguresModel, { description: 'Support requests waiting for a leader.' })
  support!: SupportFiguresModel;

  @Field(() => CommitmentFiguresModel, { description: 'Commitments kept, missed and overdue.' })
  commitments!: CommitmentFiguresModel;

  @Field(() => [AttentionFindingModel], {
    description: 'What needs a leader’s attention (journey and team views; empty for the organisation); findings on comfort or direction for the team’s leaders only. At most 200 active or paused journeys are looked at: those with a support request open or a commitment overdue first, then the longest quiet.',
  })
  attention!: AttentionFindingModel[];

  @Field(() => SuppressionModel, {
    description: 'Whether the findings on a journey’s comfort or direction (PIVOT_CONSIDERED, DIP_NOT_RECOVERING) are left out of attention, as for every reader but the team’s leaders, and why.',
  })
  attentionSuppression!: SuppressionModel;

  @Field(() => SuppressionModel, {
    description:
      'Whether the comfort × direction quadrants are left out (zero) of every cell, as for every reader but the team’s leaders (each answer’s direction is shown with who gave it, so a quadrant row may be one person’s comfort), and why.',
  })
  quadrantsSuppression!: SuppressionModel;

  @Field(() => [TeamDirectionModel], { description: 'The organisation view’s breakdown by team (empty otherwise).' })
  teams!: TeamDirectionModel[];
}
