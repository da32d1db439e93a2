import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { CHECKPOINT_CHANNEL, checkpointMoved } from '@stepwise/projections';

/**
 * Listens for projection runners (in this process or a worker elsewhere) announcing checkpoint
 * moves, so mutations waiting to read their own writes return as soon as the read models hold them.
 */
@Injectable()
export class CheckpointSignalsService implements OnModuleInit, OnModuleDestroy {
  private unlisten: (() => Promise<void>) | undefined;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async onModuleInit(): Promise<void> {
    this.unlisten = await this.runtime.database.listen(CHECKPOINT_CHANNEL, (processor) => checkpointMoved(processor));
  }

  async onModuleDestroy(): Promise<void> {
    await this.unlisten?.();
  }
}
