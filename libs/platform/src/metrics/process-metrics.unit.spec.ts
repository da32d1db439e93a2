import type { HorizonHolder } from '@stepwise/event-store';
import { ProcessMetrics } from './process-metrics';

const horizonSample = async (metrics: ProcessMetrics): Promise<string | undefined> =>
  (await metrics.text()).split('\n').find((line) => line.startsWith('stepwise_log_horizon_holder_age_seconds '))?.split(' ')[1];

describe('the horizon holder gauge', () => {
  const scrapeWith = async (holder: HorizonHolder | undefined): Promise<string | undefined> => {
    const metrics = new ProcessMetrics();
    metrics.trackHorizon(async () => holder);
    return horizonSample(metrics);
  };

  it('reads 0 when no transaction holds the horizon', async () => {
    expect(await scrapeWith(undefined)).toBe('0');
  });

  it('reads the holder’s age in seconds', async () => {
    expect(await scrapeWith({ pid: 42, database: 'stepwise', ageSeconds: 12.5, xid: '81234' })).toBe('12.5');
  });

  it('reads NaN, not 0, when a transaction holds it whose start this role may not see', async () => {
    expect(await scrapeWith({ pid: null, database: 'stepwise', ageSeconds: null, xid: '81234' })).toBe('Nan');
  });
});
