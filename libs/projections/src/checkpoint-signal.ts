/**
 * What a runner announces on CHECKPOINT_CHANNEL when it commits a batch: the processor and the
 * checkpoint it reached, `<processor> <txId> <globalPosition>`. A notification stays within its
 * database, so a listener may take the checkpoint as that database's.
 */
import type { LogCheckpoint } from '@stepwise/event-store';

/** The notification channel a runner announces its checkpoint moves on. */
export const CHECKPOINT_CHANNEL = 'stepwise_checkpoints';

/**
 * The channel a rebuild announces on when it replaces a live processor's checkpoint (the analytics
 * copy swapped in): the payload is the processor's name. Its running runner applied events past the
 * new checkpoint to the tables the rebuild threw away, so it goes back to the stored checkpoint at
 * once, rather than at its next batch, which a quiet database may not bring for a long time.
 */
export const CHECKPOINT_REPLACED_CHANNEL = 'stepwise_checkpoint_replaced';

export interface CheckpointSignal {
  readonly processor: string;
  /** Absent from a bare processor name (what runners sent before the checkpoint was added). */
  readonly checkpoint?: LogCheckpoint;
}

export const formatCheckpointSignal = (processor: string, checkpoint: LogCheckpoint): string =>
  `${processor} ${checkpoint.txId} ${checkpoint.globalPosition}`;

const SAFE = (text: string | undefined): number | undefined => {
  const value = Number(text);
  return text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(value) ? value : undefined;
};

export const parseCheckpointSignal = (payload: string): CheckpointSignal => {
  const [processor, txId, globalPosition] = payload.split(' ');
  const tx = SAFE(txId);
  const position = SAFE(globalPosition);
  return tx === undefined || position === undefined ? { processor } : { processor, checkpoint: { txId: tx, globalPosition: position } };
};
