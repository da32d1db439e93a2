/**
 * The analytics processor: its own checkpoint and lease, apart from the read models mutations wait
 * on, so a new or failing analytics projection neither stalls nor resets them. A fresh database (or
 * a new processor name) starts at the log start and backfills by itself.
 */
import { eventByEvent, type Projection } from '@stepwise/projections';
import { LIVE_ANALYTICS_SCHEMA } from './analytics.schema';
import { journeyFactsProjection } from './journey-facts.projection';
import { memberTimezonesProjection, membershipHistoryProjection } from './membership-history.projection';

export const ANALYTICS_PROCESSOR = 'analytics';
/** The checkpoint of a rebuild building beside the live tables. */
export const ANALYTICS_REBUILD_PROCESSOR = 'analytics-rebuild';

/**
 * The analytics projections, writing into the given copy of the fact tables. Batched by default (one
 * statement loads a tenant's rows of a batch, one writes them back); `batched: false` applies event
 * by event, the definition the batched path is held equal to.
 */
export const analyticsProjections = (schema: string = LIVE_ANALYTICS_SCHEMA, options: { readonly batched?: boolean } = {}): readonly Projection[] => {
  const projections = [memberTimezonesProjection(schema), membershipHistoryProjection(schema), journeyFactsProjection(schema)];
  return options.batched === false ? projections.map(eventByEvent) : projections;
};
