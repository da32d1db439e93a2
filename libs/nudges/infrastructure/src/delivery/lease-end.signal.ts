/**
 * What tells a sender its attempt's lease is about to run out: once it has, another worker may take
 * the delivery over and send it again, so a send still under way must stop first. The signal aborts
 * a margin before the lease's end by this process's clock: the due tolerance (how far two workers'
 * clocks may differ), at most a tenth of the lease.
 */
import type { Clock } from '@stepwise/kernel';

export interface LeaseEnd {
  readonly signal: AbortSignal;
  /** The attempt ended: the timer goes. */
  release(): void;
}

export const leaseEndSignal = (leaseUntil: Date, clock: Clock, settings: { readonly leaseMs: number; readonly dueToleranceMs: number }): LeaseEnd => {
  const margin = Math.min(settings.dueToleranceMs, settings.leaseMs / 10);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error('the attempt’s lease is running out')),
    Math.max(0, leaseUntil.getTime() - clock.now().getTime() - margin),
  );
  timer.unref();
  return { signal: controller.signal, release: () => clearTimeout(timer) };
};

/** Runs `send` with the signal of its lease's end, and lets the timer go when it has answered. */
export const sendBeforeLeaseEnds = async <T>(
  leaseUntil: Date,
  clock: Clock,
  settings: { readonly leaseMs: number; readonly dueToleranceMs: number },
  send: (signal: AbortSignal) => Promise<T>,
): Promise<T> => {
  const leaseEnd = leaseEndSignal(leaseUntil, clock, settings);
  try {
    return await send(leaseEnd.signal);
  } finally {
    leaseEnd.release();
  }
};
