// The read side: the read-model port query resolvers use, and who may see what. Nothing here
// imports a command handler.
export * from './journeys-read.port';
export * from './access/journey-access.policy';
export * from './access/comfort-groups';
export * from './access/minimum-group-size';
export * from './time-travel/journey-as-of.fold';
export * from './time-travel/journey-history.reader';
