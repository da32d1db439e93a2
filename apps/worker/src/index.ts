/** What other composition roots (the embedded default, end-to-end tests, benchmarks) need of the worker. */
export * from './bootstrap-worker';
export * from './config/worker.config';
export type { WorkerOptions } from './worker.module';
