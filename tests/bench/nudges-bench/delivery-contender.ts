/** A delivery contender as its process runs it: started once, told each run's routes, closed at the end. */
import type { RunRoutes } from './delivery-contender.protocol';

export interface Contender {
  /** What it runs with, for the benchmark to print. */
  readonly settings: Record<string, unknown>;
  prepare(routes: RunRoutes): Promise<void>;
  close(): Promise<void>;
}
