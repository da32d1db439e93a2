/** Messages between the event-store benchmark and a forked append contender. */

export type ContenderName = 'ours' | 'raw' | 'emmett';

/** `new`: every append creates its stream; `existing`: each writer appends to its own stream at the version it last wrote. */
export type StreamMode = 'new' | 'existing';

export interface AppendRound {
  readonly writers: number;
  readonly appends: number;
  readonly mode: StreamMode;
}

export interface RoundResult {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** `round` is answered with its RoundResult; `close` with nothing. */
export type ContenderRequest = { readonly op: 'round'; readonly round: AppendRound } | { readonly op: 'close' };
