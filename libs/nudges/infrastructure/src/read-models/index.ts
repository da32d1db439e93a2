export * from './nudges-read-models.migrations';
export * from './nudge-settings.projection';
export * from './notification-preferences.projection';
export * from './webhook-endpoints.projection';
export * from './nudges-read-models.projections';
export * from './sql-nudges.read-model';
export * from './sql-webhook-endpoint.directory';
export * from './sql-member-reachability';
