/**
 * Values that are known at once or arrive later: a read from memory answers with the value itself,
 * a read that must wait with a promise of it. On a request's hot path every promise costs (its
 * creation, its reaction, and the async context hooks that follow it), so what is known is used at
 * once and only what must wait is awaited.
 */
export type AtOnce<T> = T | Promise<T>;

/** `then(value)` at once when `value` is known, after it arrives otherwise. */
export const atOnce = <T, R>(value: AtOnce<T>, then: (value: T) => AtOnce<R>): AtOnce<R> => (value instanceof Promise ? value.then(then) : then(value));

/** `then(first, second)` at once when both are known, once both arrive otherwise (read side by side). */
export const bothAtOnce = <A, B, R>(first: AtOnce<A>, second: AtOnce<B>, then: (first: A, second: B) => AtOnce<R>): AtOnce<R> =>
  first instanceof Promise || second instanceof Promise ? Promise.all([first, second]).then(([a, b]) => then(a, b)) : then(first, second);
