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

describe('a scrape', () => {
  const sample = (text: string, series: string): string | undefined =>
    text
      .split('\n')
      .find((line) => line.startsWith(`${series} `))
      ?.split(' ')[1];

  it('counts a source it could not read in its own text, not only in the next scrape’s', async () => {
    const metrics = new ProcessMetrics();
    metrics.trackHorizon(async () => {
      throw new Error('the database is away');
    });
    expect(sample(await metrics.text(), 'stepwise_metrics_collect_errors_total{source="horizon"}')).toBe('1');
    expect(sample(await metrics.text(), 'stepwise_metrics_collect_errors_total{source="horizon"}')).toBe('2');
  });

  it('reads the pools before its own queries wait for a connection, so an idle pool shows none waiting', async () => {
    const metrics = new ProcessMetrics();
    let waiting = 0;
    metrics.trackPool('main', () => ({ total: 2, idle: 2 - waiting, waiting }));
    // The scrape's own reads queue for the pool while they run.
    const queued = async <T>(value: T): Promise<T> => {
      waiting += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      waiting -= 1;
      return value;
    };
    metrics.trackHorizon(() => queued(undefined));
    metrics.trackProjectionLag(() => queued([]));
    expect(sample(await metrics.text(), 'stepwise_db_pool_connections{pool="main",state="waiting"}')).toBe('0');
  });
});
