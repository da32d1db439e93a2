import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NestPinoLogger, type ProcessMetrics, type Runtime } from '@stepwise/platform';
import type { WorkerConfig } from './config/worker.config';
import { WorkerModule, type WorkerOptions } from './worker.module';

/**
 * Builds and starts the worker (a NestJS standalone context) on a runtime; `metrics` when it shares a
 * process's; `options` where a composition root injects a clock or delivery ports (tests).
 */
export const bootstrapWorker = async (runtime: Runtime, config: WorkerConfig, metrics?: ProcessMetrics, options?: WorkerOptions): Promise<INestApplicationContext> => {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(runtime, config, metrics, options), {
    logger: new NestPinoLogger(runtime.logger.child({ component: 'nest' })),
  });
  await app.init();
  runtime.logger.info('worker running');
  return app;
};
