import { StreamStateCache, type StreamSnapshot, type StreamStateKey } from './stream-state.cache';

const store = {};
const decider = {};
const key = (streamId: string, overrides: Partial<StreamStateKey> = {}): StreamStateKey => ({ store, decider, tenantId: 'tenant', streamId, ...overrides });
const snapshot = (version: number, state = `state@${version}`): StreamSnapshot<string> => ({ version, state, position: undefined, commands: new Map() });

describe('StreamStateCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new StreamStateCache(2);
    cache.offer(key('a'), snapshot(1));
    cache.offer(key('b'), snapshot(1));
    expect(cache.get(key('a'))?.state).toBe('state@1'); // a is now the most recently used
    cache.offer(key('c'), snapshot(1));
    expect(cache.size).toBe(2);
    expect(cache.get(key('b'))).toBeUndefined();
    expect(cache.get(key('a'))).toBeDefined();
    expect(cache.get(key('c'))).toBeDefined();
  });

  it('never rolls an entry back to an older version', () => {
    const cache = new StreamStateCache();
    cache.offer(key('a'), snapshot(5));
    cache.offer(key('a'), snapshot(3));
    expect(cache.get(key('a'))?.version).toBe(5);
    cache.offer(key('a'), snapshot(7));
    expect(cache.get(key('a'))?.version).toBe(7);
  });

  it('keeps tenants, stores and deciders apart', () => {
    const cache = new StreamStateCache();
    cache.offer(key('a'), snapshot(1, 'tenant'));
    expect(cache.get(key('a', { tenantId: 'other-tenant' }))).toBeUndefined();
    expect(cache.get(key('a', { store: {} }))).toBeUndefined();
    expect(cache.get(key('a', { decider: {} }))).toBeUndefined();
    expect(cache.get(key('a'))?.state).toBe('tenant');
  });

  it('does not confuse keys whose parts run together', () => {
    const cache = new StreamStateCache();
    cache.offer(key('c', { tenantId: 'a:b' }), snapshot(1));
    expect(cache.get(key('b:c', { tenantId: 'a' }))).toBeUndefined();
  });

  it('evicts one entry, or all of them', () => {
    const cache = new StreamStateCache();
    cache.offer(key('a'), snapshot(1));
    cache.offer(key('b'), snapshot(1));
    cache.evict(key('a'));
    expect(cache.get(key('a'))).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('refuses a capacity that cannot hold anything', () => {
    expect(() => new StreamStateCache(0)).toThrow(RangeError);
  });
});
