/** Deterministic pseudo-random numbers for the fake Peloton API: the same seed always gives the same sequence. */

/** A seeded pseudo-random generator (mulberry32) with a few helpers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** Roughly normal noise with mean 0 and the given standard deviation. */
  noise(sd: number): number;
}

/** A generator seeded by a string (FNV-1a of the string seeds mulberry32). */
export function rngFor(seed: string): Rng {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let state = h >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    noise: (sd) => (next() + next() + next() + next() - 2) * sd * Math.sqrt(3),
  };
}
