export * from './answer-link.claims';
export * from './answer-link.errors';
export * from './answer-choice';
export * from './reflection-nudge.subject';
