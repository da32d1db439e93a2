/**
 * Sends that share a limit go through a lane: at most `width` at once per key (one SMTP server), the
 * rest waiting their turn in arrival order. The delivery processor waits for a lane before a
 * delivery takes its lease, so the wait never eats into the time its attempt is given, and it waits
 * and sends outside the job that brought the delivery, so a slow server's backlog and its sends
 * never hold the worker slots that other channels' nudges need.
 */

/**
 * A lane's width for a server with `connections` connections: twice as many, so that while one
 * delivery takes its lease (a round trip to PostgreSQL) another is already sending on each
 * connection; the sender's own queue then holds at most one send per connection, briefly.
 */
export const laneWidthFor = (connections: number): number => 2 * Math.max(1, connections);

export interface SendLane {
  /** Sends with the same key share the limit. */
  readonly key: string;
  /** How many of them may run at once (at least one). */
  readonly width: number;
}

/** Leaves the lane (once; later calls do nothing): the place passes to the first in line, if any. */
export type LeaveLane = () => void;

/** A wait ended because the lanes were closed (the process is stopping): the send never started. */
export class LanesClosedError extends Error {
  constructor() {
    super('the send lanes were closed while this send waited for its turn');
    this.name = 'LanesClosedError';
  }
}

interface Waiter {
  readonly admit: () => void;
  readonly refuse: (error: Error) => void;
}

interface LaneState {
  busy: number;
  readonly waiting: Waiter[];
}

export class SendLanes {
  private readonly lanes = new Map<string, LaneState>();

  /** A place now, if the lane has one free; undefined when the send would have to wait. */
  tryEnter(lane: SendLane): LeaveLane | undefined {
    const state = this.stateOf(lane.key);
    if (state.busy >= Math.max(1, lane.width)) return undefined;
    state.busy += 1;
    return this.leaver(lane.key, state);
  }

  /** A place, now or when it is this send's turn; refused with LanesClosedError if the lanes close first. */
  async enter(lane: SendLane): Promise<LeaveLane> {
    const now = this.tryEnter(lane);
    if (now) return now;
    const state = this.stateOf(lane.key);
    // The one leaving hands its place over: `busy` stays as it is.
    await new Promise<void>((admit, refuse) => state.waiting.push({ admit, refuse }));
    return this.leaver(lane.key, state);
  }

  /** Refuses every send still waiting (sends under way keep their places until they leave). */
  closeWaiting(): void {
    for (const state of this.lanes.values()) {
      for (const waiter of state.waiting.splice(0)) waiter.refuse(new LanesClosedError());
    }
  }

  /** Sends running and waiting on a lane (for tests and diagnostics). */
  occupancy(key: string): { readonly busy: number; readonly waiting: number } {
    const state = this.lanes.get(key);
    return { busy: state?.busy ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  private stateOf(key: string): LaneState {
    let state = this.lanes.get(key);
    if (!state) this.lanes.set(key, (state = { busy: 0, waiting: [] }));
    return state;
  }

  private leaver(key: string, state: LaneState): LeaveLane {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = state.waiting.shift();
      if (next) return next.admit();
      state.busy -= 1;
      if (state.busy === 0 && this.lanes.get(key) === state) this.lanes.delete(key);
    };
  }
}
