/** What ends a send: its own timeout, or the attempt's lease running out first (when it has one). */
export const sendSignal = (timeoutMs: number, leaseEnd: AbortSignal | undefined): AbortSignal =>
  leaseEnd ? AbortSignal.any([AbortSignal.timeout(timeoutMs), leaseEnd]) : AbortSignal.timeout(timeoutMs);
