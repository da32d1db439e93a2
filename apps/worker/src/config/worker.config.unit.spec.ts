import { loadWorkerConfig } from './worker.config';

describe('worker config', () => {
  it('replays rebuilds in bigger batches than live projections, each settable', () => {
    expect(loadWorkerConfig({}, '/srv').projections).toMatchObject({ batchSize: 500, rebuildBatchSize: 2000 });
    expect(loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '5000' }, '/srv').projections.rebuildBatchSize).toBe(5000);
  });

  it('refuses a rebuild batch size out of range', () => {
    expect(() => loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '0' }, '/srv')).toThrow(/STEPWISE_REBUILD_BATCH_SIZE/);
    expect(() => loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '20000' }, '/srv')).toThrow(/STEPWISE_REBUILD_BATCH_SIZE/);
  });
});
