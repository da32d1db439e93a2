export * from './read-models';
export * from './rebuild-all';
