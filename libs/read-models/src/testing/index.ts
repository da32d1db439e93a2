export * from './read-model-history.generator';
