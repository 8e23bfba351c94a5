/**
 * A pool of ages to hand out: filled with exactly the census number of people at each age, emptied as
 * households take members. Drawing households from the pool makes the city's age distribution match the
 * census exactly while each household's ages stay plausible (parents 22–35 years older than children).
 */
import type { Random } from './random.js';

export const MAX_AGE = 100;

export class AgePool {
  private readonly counts: Int32Array;
  private remaining: number;

  constructor(countsByAge: ArrayLike<number>) {
    this.counts = Int32Array.from(countsByAge);
    this.remaining = this.counts.reduce((a, b) => a + b, 0);
  }

  get size(): number {
    return this.remaining;
  }

  countBetween(lo: number, hi: number): number {
    let total = 0;
    for (let age = Math.max(0, lo); age <= Math.min(MAX_AGE, hi); age++) total += this.counts[age]!;
    return total;
  }

  /** An age in [lo, hi] drawn in proportion to what is left; -1 when none is left there. */
  takeBetween(lo: number, hi: number, random: Random): number {
    const total = this.countBetween(lo, hi);
    if (total === 0) return -1;
    let target = random.int(total);
    for (let age = Math.max(0, lo); age <= Math.min(MAX_AGE, hi); age++) {
      target -= this.counts[age]!;
      if (target < 0) return this.take(age);
    }
    return -1;
  }

  /**
   * An age as close to `target` as the pool allows, within [lo, hi]: first within ±2 years, then ±5,
   * ±10, then anywhere in range, then (the pool being empty there) anywhere at all.
   */
  takeNear(target: number, lo: number, hi: number, random: Random): number {
    const centre = Math.round(target);
    for (const radius of [2, 5, 10]) {
      const age = this.takeBetween(Math.max(lo, centre - radius), Math.min(hi, centre + radius), random);
      if (age >= 0) return age;
    }
    const inRange = this.takeBetween(lo, hi, random);
    return inRange >= 0 ? inRange : this.takeBetween(0, MAX_AGE, random);
  }

  /** Any age in [lo, hi] by what is left, or anywhere when that range is empty. */
  takeAny(lo: number, hi: number, random: Random): number {
    const age = this.takeBetween(lo, hi, random);
    return age >= 0 ? age : this.takeBetween(0, MAX_AGE, random);
  }

  private take(age: number): number {
    this.counts[age]! -= 1;
    this.remaining -= 1;
    return age;
  }
}
