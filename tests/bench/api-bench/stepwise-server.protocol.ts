/** Messages between the api benchmark and its forked server process. */
import type { BenchData } from './bench-data.seed';

export interface ServerReady {
  readonly type: 'ready';
  readonly url: string;
  readonly data: BenchData;
  readonly poolSize: number;
}

export interface ServerRequest {
  readonly id: number;
  readonly op: 'reset-lag' | 'measure-lag' | 'reset-round-trips' | 'round-trips' | 'peak-rss' | 'close';
}

export type ServerReply = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
