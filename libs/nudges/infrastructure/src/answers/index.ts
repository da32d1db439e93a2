export * from './answer-link.codec';
export * from './answer-link.key';
export * from './answer-link.signer';
export * from './answer-links';
export * from './answer-link.migrations';
export * from './sql-answer-link.uses';
export * from './slack-request.signature';
export * from './slack-answer.interaction';
