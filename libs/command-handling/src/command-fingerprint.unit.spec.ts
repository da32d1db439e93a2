import { commandFingerprint } from './command-fingerprint';

describe('commandFingerprint', () => {
  it('is the same for the same operation and input, whatever the key order or undefined fields', () => {
    const a = commandFingerprint('PlanStep', { journeyId: 'j-1', title: 'Walk', ownerId: undefined, dueOn: null });
    const b = commandFingerprint('PlanStep', { dueOn: null, title: 'Walk', journeyId: 'j-1' });
    expect(a).toBe(b);
  });

  it('differs with the operation, any field, a null that was absent, or list order', () => {
    const base = commandFingerprint('PlanStep', { journeyId: 'j-1', title: 'Walk' });
    expect(commandFingerprint('DropStep', { journeyId: 'j-1', title: 'Walk' })).not.toBe(base);
    expect(commandFingerprint('PlanStep', { journeyId: 'j-2', title: 'Walk' })).not.toBe(base);
    expect(commandFingerprint('PlanStep', { journeyId: 'j-1', title: 'Walk', dueOn: null })).not.toBe(base);
    expect(commandFingerprint('MakePivot', { ids: ['a', 'b'] })).not.toBe(commandFingerprint('MakePivot', { ids: ['b', 'a'] }));
    expect(commandFingerprint('X', { nested: { a: 1, b: 2 } })).toBe(commandFingerprint('X', { nested: { b: 2, a: 1 } }));
  });
});
