/**
 * What a process entry point needs before it loads anything heavy: its settings read and checked,
 * and how it refuses them. An entry point reads its settings through this first and loads the rest
 * after, so a refused setting is answered at once instead of after NestJS, GraphQL and the database
 * drivers have loaded.
 */
export * from './config/config.error';
export * from './config/read-settings';
export * from './config/shared.settings';
export * from './config/api.settings';
export * from './config/worker.settings';
export * from './config/answer-link.settings';
export * from './config/outbound.settings';
export * from './config/shared.config';
export * from './config/shared-keys.problems';
export * from './config/key-files.problems';
export * from './config/alone-on-embedded.refusal';
export * from './config/read-shared-config';
export * from './runtime/exit-on-boot-failure';
