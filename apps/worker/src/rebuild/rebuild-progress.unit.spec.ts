import { describeProgress, RebuildProgress } from './rebuild-progress';

describe('rebuild progress', () => {
  it('says how far through the log head, how fast, and how long is left', () => {
    expect(describeProgress({ done: 12_500, head: 50_000, elapsedMs: 2_500 })).toBe('12,500 of 50,000 events (25.0%), 5,000 events/s, about 8 s left');
    expect(describeProgress({ done: 100_000, head: 1_000_000, elapsedMs: 10_000 })).toBe(
      '100,000 of 1,000,000 events (10.0%), 10,000 events/s, about 1 min 30 s left',
    );
  });

  it('at the head it is done; an empty log is done at once', () => {
    expect(describeProgress({ done: 50_000, head: 50_000, elapsedMs: 4_000 })).toBe('50,000 of 50,000 events (100.0%), 12,500 events/s, done');
    expect(describeProgress({ done: 0, head: 0, elapsedMs: 0 })).toBe('0 of 0 events (100.0%), 0 events/s, done');
  });

  it('before any rate is known it says it is estimating', () => {
    expect(describeProgress({ done: 0, head: 10, elapsedMs: 0 })).toBe('0 of 10 events (0.0%), 0 events/s, estimating time left');
  });

  it('writes a line per update to a pipe, and a last line at the end', () => {
    const lines: string[] = [];
    const progress = new RebuildProgress('analytics', 10, { write: (text: string) => lines.push(text), isTTY: false });
    progress.update(4);
    progress.finish(10);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^analytics: 4 of 10 events \(40\.0%\)/);
    expect(lines[1]).toMatch(/^analytics: 10 of 10 events \(100\.0%\), .* done\n$/);
  });

  it('says done once when a batch reaches the head before the end', () => {
    const lines: string[] = [];
    const progress = new RebuildProgress('read models', 10, { write: (text: string) => lines.push(text), isTTY: false });
    progress.update(10);
    progress.finish(10);
    expect(lines).toEqual([expect.stringMatching(/^read models: 10 of 10 events \(100\.0%\), .* done\n$/)]);
  });

  it('remembers how far it got, and on a terminal ends its line when interrupted', () => {
    const written: string[] = [];
    const progress = new RebuildProgress('analytics', 10, { write: (text: string) => written.push(text), isTTY: true });
    progress.update(4);
    progress.update(3);
    expect(progress.reached).toBe(4);
    progress.interrupted();
    expect(written.join('')).toMatch(/\r\x1b\[2Kanalytics: 4 of 10 events .*\n$/);
  });

  it('shows no line for a position nothing has been applied up to yet, so the first line is not "0 of N"', () => {
    const lines: string[] = [];
    const progress = new RebuildProgress('read models and analytics', 10, { write: (text: string) => lines.push(text), isTTY: false });
    progress.update(0);
    progress.update(4);
    expect(lines).toEqual([expect.stringMatching(/^read models and analytics: 4 of 10 events \(40\.0%\)/)]);
  });
});
