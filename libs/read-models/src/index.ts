export * from './read-models';
export * from './rebuild-all';
export * from './rebuild-read-models';
