import { eventStoreMigrations, type Migration } from '@stepwise/event-store';
import { journeyProjections, journeysMigrations } from '@stepwise/journeys-infrastructure';
import { projectionsMigrations, type Projection } from '@stepwise/projections';
import { organisationMembersProjection, tenancyMigrations, teamsProjection } from '@stepwise/tenancy-infrastructure';

/**
 * The whole read side, composed once: every migration Stepwise runs (event store first) and every
 * projection the worker's read-model runner applies (in this order, within each batch).
 */
export const stepwiseMigrations: readonly Migration[] = [
  ...eventStoreMigrations,
  ...projectionsMigrations,
  ...tenancyMigrations,
  ...journeysMigrations,
];

export const readModelProjections: readonly Projection[] = [organisationMembersProjection, teamsProjection, ...journeyProjections];
