import { KeyedEntries } from './keyed-entries';

const numbered = (count: number, from: KeyedEntries<number> = KeyedEntries.empty()): KeyedEntries<number> =>
  Array.from({ length: count }, (_, index) => index).reduce((entries, index) => entries.with(`id-${index}`, index), from);

describe('KeyedEntries', () => {
  it('finds what it holds, across many chunks, and nothing else', () => {
    const entries = numbered(1_000);
    expect(entries.size).toBe(1_000);
    expect([entries.get('id-0'), entries.get('id-255'), entries.get('id-256'), entries.get('id-999')]).toEqual([0, 255, 256, 999]);
    expect(entries.has('id-1000')).toBe(false);
    expect(entries.get('id-1000')).toBeUndefined();
  });

  it('leaves every earlier version as it was: adding and replacing make a new one', () => {
    const before = numbered(600);
    const added = before.with('new', -1);
    const replaced = added.with('id-10', 100);
    expect([before.size, before.has('new'), before.get('id-10')]).toEqual([600, false, 10]);
    expect([added.size, added.get('new'), added.get('id-10')]).toEqual([601, -1, 10]);
    expect([replaced.size, replaced.get('id-10')]).toEqual([601, 100]);
    // Two versions grown from one do not see each other's entries.
    const other = before.with('other', -2);
    expect([added.has('other'), other.has('new')]).toEqual([false, false]);
  });

  it('treats ids that name Object.prototype members as plain ids', () => {
    const entries = KeyedEntries.empty<number>().with('constructor', 1).with('__proto__', 2);
    expect([entries.get('constructor'), entries.get('__proto__'), entries.has('toString'), entries.get('hasOwnProperty')]).toEqual([1, 2, false, undefined]);
    expect(Object.keys(entries.toJSON())).toEqual(['constructor', '__proto__']);
  });

  it('visits entries in the order they were first added, and stops at the first match', () => {
    const entries = numbered(700).with('id-3', 3_000);
    const seen: string[] = [];
    expect(entries.some((value, id) => (seen.push(id), value >= 3_000))).toBe(true);
    expect(seen).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
  });
});
