import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { CHECKPOINT_CHANNEL, checkpointMoved, checkpointReached, parseCheckpointSignal } from '@stepwise/projections';

/**
 * Listens for projection runners (in this process or a worker elsewhere) announcing checkpoint
 * moves, so mutations waiting to read their own writes return as soon as the read models hold them.
 * A notification names the checkpoint reached in this database: waiters it covers resolve without
 * reading the checkpoint again.
 */
@Injectable()
export class CheckpointSignalsService implements OnModuleInit, OnModuleDestroy {
  private unlisten: (() => Promise<void>) | undefined;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async onModuleInit(): Promise<void> {
    const database = this.runtime.database;
    this.unlisten = await database.listen(CHECKPOINT_CHANNEL, (payload) => {
      const { processor, checkpoint } = parseCheckpointSignal(payload);
      if (checkpoint) checkpointReached(database, processor, checkpoint);
      else checkpointMoved(processor);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.unlisten?.();
  }
}
