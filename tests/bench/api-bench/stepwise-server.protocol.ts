/** Messages between the api benchmark and its forked server process. */
import type { BenchData } from './bench-data.seed';

export interface ServerReady {
  readonly type: 'ready';
  /** Where the load goes: npm start's api under --npm-start, else the harness's. */
  readonly url: string;
  /** The harness's api, in the process that counts SQL round trips (the same code as npm start's). */
  readonly countingUrl: string;
  /** Whether `url` is a separate `npm start` process (compiled output) rather than the harness. */
  readonly npmStart: boolean;
  readonly data: BenchData;
  readonly poolSize: number;
}

export interface ServerRequest {
  readonly id: number;
  readonly op: 'reset-lag' | 'measure-lag' | 'reset-round-trips' | 'round-trips' | 'peak-rss' | 'close';
}

export type ServerReply = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
