/**
 * Given/when/then for deciders, used from jest specs:
 *
 *   const given = deciderSpec(journeyDecider);
 *   given([journeyStarted]).when(articulateVision).then([visionArticulated]);
 *   given([]).when(takeStep).thenThrows('JOURNEY_NOT_FOUND');
 *
 * `then` also folds the new events through `evolve`, so an event the decider can emit but `evolve`
 * cannot take fails the spec that emits it.
 */
import type { Decider } from '../decider/decider';
import { isCodedError } from '../errors/coded-error';

export interface DeciderThen<Event> {
  /** The command produced exactly these events (in order). `then([])` asserts a no-op. */
  then(expected: readonly Event[]): void;
  /** The command was refused with this code; `details`, when given, must be contained in the error's details. */
  thenThrows(code: string, details?: Readonly<Record<string, unknown>>): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export type DeciderGiven<Command, Event> = (events: readonly Event[]) => DeciderWhen<Command, Event>;

const notAPromise = (value: unknown): void => {
  // The result of when() has a `then` method, so `await`ing or returning it from a test would call
  // then(resolve, reject) and silently assert nothing. Refuse that loudly instead.
  if (!Array.isArray(value)) {
    throw new TypeError('then() takes the list of expected events; do not await or return a decider spec');
  }
};

export const deciderSpec =
  <Command, Event, State>(decider: Decider<Command, Event, State>): DeciderGiven<Command, Event> =>
  (given) => ({
    when: (command) => {
      const decide = (): { state: State; events: Event[] } => {
        const state = given.reduce(decider.evolve, decider.initialState());
        return { state, events: decider.decide(command, state) };
      };
      return {
        then: (expected) => {
          notAPromise(expected);
          const { state, events } = decide();
          expect(events).toEqual(expected);
          expect(() => events.reduce(decider.evolve, state)).not.toThrow();
        },
        thenThrows: (code, details) => {
          let produced: Event[] | undefined;
          try {
            produced = decide().events;
          } catch (error) {
            if (!isCodedError(error)) throw error;
            expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
            if (details) expect(error.details).toEqual(expect.objectContaining(details));
            return;
          }
          throw new Error(`expected the command to be refused with ${code}, but it produced ${JSON.stringify(produced)}`);
        },
      };
    },
  });
