export * from './membership-directory.port';
export * from './tenancy-read.port';
export * from './commands/run-organisation.command';
export * from './commands/run-organisation.handler';
export * from './commands/run-team.command';
export * from './commands/run-team.handler';
