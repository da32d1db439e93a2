/**
 * Progress of a rebuild on the terminal: how far through the log it is (its checkpoint's position of
 * the log head when it started), the rate, and the time left. One line, rewritten in place on a
 * terminal; a line every few seconds when the output is a file or a pipe.
 */
import type { SqlExecutor } from '@stepwise/database';

export interface ProgressFigures {
  readonly done: number;
  readonly head: number;
  readonly elapsedMs: number;
}

/** "12,500". */
export const describeCount = (value: number): string => Math.round(value).toLocaleString('en-US');
const count = describeCount;

const duration = (seconds: number): string => {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.ceil(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** "12,500 of 50,000 events (25.0%), 5,000 events/s, about 8 s left". */
export const describeProgress = ({ done, head, elapsedMs }: ProgressFigures): string => {
  const shown = Math.min(done, head);
  const percent = head === 0 ? 100 : (shown / head) * 100;
  const rate = elapsedMs > 0 ? (shown / elapsedMs) * 1000 : 0;
  const left = shown >= head ? 'done' : rate > 0 ? `about ${duration((head - shown) / rate)} left` : 'estimating time left';
  return `${count(shown)} of ${count(head)} events (${percent.toFixed(1)}%), ${count(rate)} events/s, ${left}`;
};

/** Where the log ends now: the global position of its last event. */
export const logHead = async (executor: SqlExecutor): Promise<number> => {
  const { rows } = await executor.query<{ head: string | number | null }>('SELECT max(global_position) AS head FROM es_events');
  return Number(rows[0]?.head ?? 0);
};

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export class RebuildProgress {
  private readonly started = Date.now();
  private lastShown = 0;
  private position = 0;

  constructor(
    private readonly label: string,
    /** The log head when the rebuild started. */
    readonly head: number,
    private readonly output: ProgressOutput = process.stderr,
  ) {}

  /** Called after each batch with the checkpoint's position. */
  update(position: number): void {
    this.position = Math.max(this.position, position);
    // Nothing applied yet says nothing: the first line waits for a position past the start.
    if (position <= 0) return;
    // At the head the line is finish()'s: shown here too, a short rebuild printed "done" twice.
    if (position >= this.head) return;
    const now = Date.now();
    const every = this.output.isTTY ? 250 : 5_000;
    if (now - this.lastShown < every) return;
    this.lastShown = now;
    this.show(position, false);
  }

  /** The furthest position the rebuild has reported. */
  get reached(): number {
    return this.position;
  }

  /** Stopped before the head: on a terminal the line rewritten in place is ended, so what follows starts a line of its own. */
  interrupted(): void {
    if (this.output.isTTY && this.lastShown > 0) this.output.write('\n');
  }

  finish(position: number): void {
    this.show(Math.max(position, this.head), true);
  }

  private show(position: number, last: boolean): void {
    const line = `${this.label}: ${describeProgress({ done: position, head: this.head, elapsedMs: Date.now() - this.started })}`;
    if (this.output.isTTY) this.output.write(`\r\x1b[2K${line}${last ? '\n' : ''}`);
    else this.output.write(`${line}\n`);
  }
}
