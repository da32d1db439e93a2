/** A signal that aborts when the first of these does (a send's own timeout, the attempt's lease); undefined when none is given. */
export function firstAbort(first: AbortSignal, ...others: readonly (AbortSignal | null | undefined)[]): AbortSignal;
export function firstAbort(...signals: readonly (AbortSignal | null | undefined)[]): AbortSignal | undefined;
export function firstAbort(...signals: readonly (AbortSignal | null | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((signal): signal is AbortSignal => Boolean(signal));
  return given.length <= 1 ? given[0] : AbortSignal.any(given);
}
