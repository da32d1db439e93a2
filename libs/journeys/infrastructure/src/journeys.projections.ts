import type { Projection } from '@stepwise/projections';
import { commitmentsProjection } from './commitments.projection';
import { journeyStepsProjection } from './journey-steps.projection';
import { journeySummaryProjection } from './journey-summary.projection';
import { journeyTimelineProjection } from './journey-timeline.projection';
import { reflectionsProjection } from './reflections.projection';
import { supportOffersProjection } from './support-offers.projection';
import { supportRequestsProjection } from './support-requests.projection';
import { visionHistoryProjection } from './vision-history.projection';

/** Every read model of the journeys context, for a runner to apply together. */
export const journeyProjections: readonly Projection[] = [
  journeySummaryProjection,
  visionHistoryProjection,
  journeyStepsProjection,
  reflectionsProjection,
  commitmentsProjection,
  supportRequestsProjection,
  supportOffersProjection,
  journeyTimelineProjection,
];
