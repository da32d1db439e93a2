import { AnswerCache, type AnswerRead } from './answer-cache';

const reads = () => {
  let count = 0;
  const read =
    <V>(value: V, until?: number) =>
    async (): Promise<AnswerRead<V>> => {
      count += 1;
      return { value, weight: 10, until };
    };
  return { read, count: () => count };
};

describe('AnswerCache', () => {
  let cache: AnswerCache;
  beforeEach(() => {
    cache = new AnswerCache({ maxWeight: 100 });
    cache.resume();
  });

  it('keeps an answer for its tenant and key, from the instant it was read up to its until', async () => {
    const { read, count } = reads();
    expect(await cache.answer('t1', 'k', 1_000, read('a', 2_000))).toBe('a');
    expect(await cache.answer('t1', 'k', 1_999, read('b', 3_000))).toBe('a');
    expect(count()).toBe(1);
    // At its until, before it was read: read again.
    expect(await cache.answer('t1', 'k', 2_000, read('c', 3_000))).toBe('c');
    expect(await cache.answer('t1', 'k', 999, read('d'))).toBe('d');
    expect(count()).toBe(3);
  });

  it('never gives one tenant’s answer, or another key’s, to another', async () => {
    await cache.answer('t1', 'k', 0, async () => ({ value: 'one', weight: 1 }));
    expect(await cache.answer('t2', 'k', 0, async () => ({ value: 'two', weight: 1 }))).toBe('two');
    expect(await cache.answer('t1', 'k2', 0, async () => ({ value: 'other', weight: 1 }))).toBe('other');
    expect(await cache.answer('t1', 'k', 0, async () => ({ value: 'x', weight: 1 }))).toBe('one');
  });

  it('forgets a tenant’s answers when told, and only that tenant’s', async () => {
    await cache.answer('t1', 'k', 0, async () => ({ value: 'old', weight: 1 }));
    await cache.answer('t2', 'k', 0, async () => ({ value: 'kept', weight: 1 }));
    cache.forgetTenant('t1');
    expect(await cache.answer('t1', 'k', 0, async () => ({ value: 'new', weight: 1 }))).toBe('new');
    expect(await cache.answer('t2', 'k', 0, async () => ({ value: 'x', weight: 1 }))).toBe('kept');
    cache.forgetAll();
    expect(await cache.answer('t2', 'k', 0, async () => ({ value: 'fresh', weight: 1 }))).toBe('fresh');
  });

  it('hands out but does not keep an answer read while a change to its tenant was told', async () => {
    let release: () => void = () => undefined;
    const slow = cache.answer('t1', 'k', 0, () => new Promise<AnswerRead<string>>((resolve) => (release = () => resolve({ value: 'stale', weight: 1 }))));
    await Promise.resolve();
    cache.forgetTenant('t1');
    release();
    expect(await slow).toBe('stale');
    expect(await cache.answer('t1', 'k', 0, async () => ({ value: 'fresh', weight: 1 }))).toBe('fresh');
  });

  it('shares one read among concurrent misses on a key', async () => {
    const { read, count } = reads();
    const answers = await Promise.all([1, 2, 3].map((at) => cache.answer('t1', 'k', at, read('a', 10))));
    expect(answers).toEqual(['a', 'a', 'a']);
    expect(count()).toBe(1);
  });

  it('keeps at most its weight, forgetting the least recently used first', async () => {
    for (let index = 0; index < 10; index += 1) await cache.answer('t1', `k${index}`, 0, async () => ({ value: index, weight: 10 }));
    await cache.answer('t1', 'k0', 0, async () => ({ value: -1, weight: 10 }));
    await cache.answer('t1', 'k10', 0, async () => ({ value: 10, weight: 10 }));
    expect(cache.size).toEqual({ entries: 10, weight: 100 });
    expect(await cache.answer('t1', 'k0', 0, async () => ({ value: -2, weight: 10 }))).toBe(0);
    expect(await cache.answer('t1', 'k1', 0, async () => ({ value: -3, weight: 10 }))).toBe(-3);
    // Heavier than the whole cache: handed out, never kept.
    await cache.answer('t1', 'huge', 0, async () => ({ value: 'h', weight: 1_000 }));
    expect(cache.size.weight).toBeLessThanOrEqual(100);
  });

  it('keeps nothing while it cannot hear of changes', async () => {
    cache.pause();
    const { read, count } = reads();
    await cache.answer('t1', 'k', 0, read('a'));
    await cache.answer('t1', 'k', 0, read('a'));
    expect(count()).toBe(2);
    expect(cache.size.entries).toBe(0);
  });

  it('with no weight allowed, keeps nothing and shares no read: every answer is read on its own', async () => {
    const off = new AnswerCache({ maxWeight: 0 });
    off.resume();
    const { read, count } = reads();
    expect(await Promise.all([0, 0, 0].map((at) => off.answer('t1', 'k', at, read('a'))))).toEqual(['a', 'a', 'a']);
    await off.answer('t1', 'k', 0, read('a'));
    expect(count()).toBe(4);
    expect(off.size.entries).toBe(0);
  });

  it('gives a kept answer at once, and a promise of any other, from keptOrAnswer', async () => {
    const { read, count } = reads();
    const first = cache.keptOrAnswer('t1', 'k', 1_000, read(null, 2_000));
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBeNull();
    // Kept (a kept null too): the value itself, not a promise, and nothing read.
    expect(cache.keptOrAnswer('t1', 'k', 1_500, read('b'))).toBeNull();
    expect(count()).toBe(1);
    // Past its until, or for another tenant: read, as `answer` reads.
    const later = cache.keptOrAnswer('t1', 'k', 2_000, read('c'));
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('c');
    expect(await cache.keptOrAnswer('t2', 'k', 2_000, read('d'))).toBe('d');
    expect(count()).toBe(3);
    // Told of a change, or deaf: nothing is given from memory.
    cache.forgetTenant('t1');
    expect(await cache.keptOrAnswer('t1', 'k', 2_001, read('e'))).toBe('e');
    cache.pause();
    expect(cache.keptOrAnswer('t2', 'k', 2_001, read('f'))).toBeInstanceOf(Promise);
    expect(count()).toBe(5);
  });
});
