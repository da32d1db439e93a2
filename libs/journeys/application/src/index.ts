export * from './journeys-read.port';
export * from './commands/run-journey.command';
export * from './commands/run-journey.handler';
