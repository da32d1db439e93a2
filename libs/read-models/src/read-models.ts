import { analyticsMigrations } from '@stepwise/analytics-infrastructure';
import type { Migration } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema, type Upcaster } from '@stepwise/event-store';
import { journeyProjections, journeysMigrations, journeyUpcasters } from '@stepwise/journeys-infrastructure';
import {
  answerLinkMigrations,
  channelIntegrationMigrations,
  channelIntegrationsProjection,
  nudgesMigrations,
  nudgesReadModelMigrations,
  nudgesReadModelProjections,
  nudgesUpcasters,
} from '@stepwise/nudges-infrastructure';
import { projectionsMigrations, type Projection } from '@stepwise/projections';
import { organisationMembersProjection, tenancyMigrations, tenancyUpcasters, teamsProjection } from '@stepwise/tenancy-infrastructure';

/**
 * The whole read side, composed once: every migration Stepwise runs (event store first), every
 * upcaster its events need, and every projection the worker's read-model runner applies (in this
 * order, within each batch).
 */
export const stepwiseMigrations: readonly Migration[] = [
  ...eventStoreMigrations,
  ...projectionsMigrations,
  ...tenancyMigrations,
  ...journeysMigrations,
  ...analyticsMigrations,
  ...nudgesMigrations,
  ...nudgesReadModelMigrations,
  ...answerLinkMigrations,
  ...channelIntegrationMigrations,
];

export const stepwiseUpcasters: readonly Upcaster[] = [...tenancyUpcasters, ...journeyUpcasters, ...nudgesUpcasters];

/** What every process opens its storage with (`openRuntime`, `openStorage`). */
export const stepwiseSchema: EventStoreSchema = { migrations: stepwiseMigrations, upcasters: stepwiseUpcasters };

export const readModelProjections: readonly Projection[] = [organisationMembersProjection, teamsProjection, ...journeyProjections, ...nudgesReadModelProjections, channelIntegrationsProjection];
