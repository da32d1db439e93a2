// The read side: the read-model port query resolvers use, and who may see what. Nothing here
// imports a command handler.
export * from './journeys-read.port';
export * from './access/journey-access.policy';
