export * from './nudge-policy.migration';
export * from './nudge-policy.processor';
export * from './nudge-policy.projection';
export * from './nudge-relevance.check';
export * from './digest.tick';
export { DEFAULT_STALENESS_MS, withStaleness } from './outbox.writer';
export * from './outbox.reader';
