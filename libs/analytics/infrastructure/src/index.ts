export * from './analytics-changes.channel';
export * from './analytics.schema';
export * from './analytics.migrations';
export * from './analytics.processor';
export * from './analytics.rebuild';
export * from './journey-facts.projection';
export * from './membership-history.projection';
export * from './sql-analytics.read-model';
