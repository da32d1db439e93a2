import { formatCheckpointSignal, parseCheckpointSignal } from './checkpoint-signal';

describe('checkpoint signals', () => {
  it('carry the processor and the checkpoint it reached', () => {
    const payload = formatCheckpointSignal('read-models', { txId: 1234, globalPosition: 56 });
    expect(parseCheckpointSignal(payload)).toEqual({ processor: 'read-models', checkpoint: { txId: 1234, globalPosition: 56 } });
  });

  it('read a bare processor name, or a malformed checkpoint, as a wake-up without a checkpoint', () => {
    expect(parseCheckpointSignal('read-models')).toEqual({ processor: 'read-models' });
    expect(parseCheckpointSignal('read-models 12 x')).toEqual({ processor: 'read-models' });
    expect(parseCheckpointSignal('read-models -1 3')).toEqual({ processor: 'read-models' });
  });
});
