/**
 * The decider pattern: an aggregate is three pure functions. `decide` checks a command against the
 * state folded from the stream and returns the new facts (or throws a CodedError naming the broken
 * rule); `evolve` folds one fact into the state. Time and ids arrive inside the command, so the same
 * stream and command always give the same answer.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Folds events into state, starting from `from` (a snapshot) or the decider's initial state. */
export const foldEvents = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State => events.reduce(decider.evolve, from);
