import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PostgresDatabase } from '@stepwise/database';
import { PROCESS_METRICS, RUNTIME, type ProcessMetrics, type Runtime } from '@stepwise/platform';
import { projectionLag } from '@stepwise/projections';
import { DEPLOYED_PROCESSORS } from './deployed-processors';

/**
 * Connects the runtime's storage to the process's metrics: the event store's appends and reads,
 * and, read when scraped, projection lag, the horizon's oldest holder and the main pool's usage.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private readonly detach: (() => void)[] = [];

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PROCESS_METRICS) private readonly metrics: ProcessMetrics,
  ) {}

  onModuleInit(): void {
    const { storage } = this.runtime;
    this.detach.push(storage.eventStore.observe(this.metrics.eventStore));
    this.metrics.trackProjectionLag(() => projectionLag(storage.database, DEPLOYED_PROCESSORS));
    this.metrics.trackHorizon(() => storage.eventStore.horizonHolder());
    const database = storage.database;
    if (database instanceof PostgresDatabase) this.detach.push(this.metrics.trackPool('main', () => database.poolUsage()));
  }

  onModuleDestroy(): void {
    for (const detach of this.detach.splice(0)) detach();
  }
}
