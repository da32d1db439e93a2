import type { Decider } from '../decider/decider';
import { foldEvents } from '../decider/decider';
import { CodedError } from '../errors/coded-error';
import { deciderSpec } from './decider-spec';

type CounterEvent = { type: 'Incremented'; data: { by: number } };
type CounterCommand = { type: 'Increment'; data: { by: number } };

class TooBigError extends CodedError {
  constructor(by: number) {
    super('TOO_BIG', 'Increment is too big', { field: 'by', by });
  }
}

const counter: Decider<CounterCommand, CounterEvent, number> = {
  initialState: () => 0,
  decide: (command, state) => {
    if (command.data.by > 10) throw new TooBigError(command.data.by);
    if (state + command.data.by > 20) throw new Error('not a coded error');
    return command.data.by === 0 ? [] : [{ type: 'Incremented', data: { by: command.data.by } }];
  },
  evolve: (state, event) => state + event.data.by,
};

const given = deciderSpec(counter);
const increment = (by: number): CounterCommand => ({ type: 'Increment', data: { by } });
const incremented = (by: number): CounterEvent => ({ type: 'Incremented', data: { by } });

describe('deciderSpec', () => {
  it('passes when the command produces the expected events', () => {
    given([incremented(1)]).when(increment(2)).then([incremented(2)]);
  });

  it('asserts a no-op with then([])', () => {
    given([]).when(increment(0)).then([]);
  });

  it('fails when the events differ', () => {
    expect(() => given([]).when(increment(2)).then([incremented(3)])).toThrow();
  });

  it('passes when the command is refused with the expected code and details', () => {
    given([]).when(increment(11)).thenThrows('TOO_BIG', { field: 'by' });
  });

  it('fails when the code differs', () => {
    expect(() => given([]).when(increment(11)).thenThrows('OTHER')).toThrow();
  });

  it('fails when the details differ', () => {
    expect(() => given([]).when(increment(11)).thenThrows('TOO_BIG', { field: 'other' })).toThrow();
  });

  it('fails when the command succeeds but a refusal was expected', () => {
    expect(() => given([]).when(increment(1)).thenThrows('TOO_BIG')).toThrow(/expected the command to be refused with TOO_BIG/);
  });

  it('rethrows errors without a code instead of treating them as refusals', () => {
    expect(() => given([incremented(10), incremented(10)]).when(increment(1)).thenThrows('TOO_BIG')).toThrow('not a coded error');
  });

  it('refuses to be awaited, which would otherwise assert nothing', async () => {
    await expect(Promise.resolve(given([]).when(increment(1)))).rejects.toThrow(/do not await/);
  });
});

describe('foldEvents', () => {
  it('folds from the initial state or from a snapshot', () => {
    expect(foldEvents(counter, [incremented(2), incremented(3)])).toBe(5);
    expect(foldEvents(counter, [incremented(2)], 10)).toBe(12);
  });
});
