import { atOnce, bothAtOnce } from './at-once';

describe('values known at once or later', () => {
  it('answers at once, not with a promise, when every value is known', () => {
    expect(atOnce(2, (n) => n * 3)).toBe(6);
    expect(bothAtOnce(2, 'a', (n, s) => s.repeat(n))).toBe('aa');
    expect(atOnce<number | null, string>(null, (n) => String(n))).toBe('null');
  });

  it('answers with a promise when any value must be waited for', async () => {
    const later = atOnce(Promise.resolve(2), (n) => n * 3);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(6);
    for (const [first, second] of [
      [Promise.resolve(2), 'a'],
      [2, Promise.resolve('a')],
      [Promise.resolve(2), Promise.resolve('a')],
    ] as const) {
      const both = bothAtOnce(first, second, (n, s) => s.repeat(n));
      expect(both).toBeInstanceOf(Promise);
      expect(await both).toBe('aa');
    }
  });

  it('throws at once from a known value, and rejects from one waited for', async () => {
    const fail = (): number => {
      throw new Error('refused');
    };
    expect(() => atOnce(1, fail)).toThrow('refused');
    await expect(atOnce(Promise.resolve(1), fail)).rejects.toThrow('refused');
    await expect(bothAtOnce(Promise.reject(new Error('unread')), 1, fail)).rejects.toThrow('unread');
  });
});
