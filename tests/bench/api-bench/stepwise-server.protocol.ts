/** Messages between the api benchmark and its forked server process. */
import type { BenchData } from './bench-data.seed';

export interface ServerReady {
  readonly type: 'ready';
  /** Where the load goes: the served process's api (npm start, or start:api under --split-worker), else the harness's. */
  readonly url: string;
  /** The harness's api, in the process that counts SQL round trips (the same code as npm start's). */
  readonly countingUrl: string;
  /** The npm script serving `url` when it is a process of its own (compiled output), rather than the harness. */
  readonly served?: 'start' | 'start:api';
  readonly data: BenchData;
  readonly poolSize: number;
}

/** Each is answered with what it measured (`round-trips`: per request and the last statements; `peak-rss`: PeakRss[]; `cpu`: ServerCpu), or nothing. */
export interface ServerRequest {
  readonly op: 'reset-lag' | 'measure-lag' | 'reset-round-trips' | 'round-trips' | 'cpu' | 'peak-rss' | 'close';
}

/** The high-water mark of one server process's resident memory. */
export interface PeakRss {
  readonly process: string;
  readonly bytes: number;
}

/** CPU used so far, in ms: by the server's processes, and by each PostgreSQL backend of the bench database ([pid, ms]). */
export interface ServerCpu {
  readonly serverMs: number;
  readonly postgresBackendsMs: readonly (readonly [number, number])[];
}

/** The bare baseline's one message: it listens at `url` (it takes no requests, and closes when the benchmark lets it go). */
export interface BareServerReady {
  readonly type: 'ready';
  readonly url: string;
}
