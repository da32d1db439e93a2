/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the same sequence, so demo
 * data, generated test histories and bench data are repeatable. Not for anything that needs to be
 * unpredictable.
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** The same source with the choices a story needs. */
export class SeededRandom {
  readonly next: () => number;

  constructor(seed: number) {
    // A zero seed would start the sequence at a fixed, poorly mixed point.
    this.next = seededRandom(seed >>> 0 || 0x9e3779b9);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}
