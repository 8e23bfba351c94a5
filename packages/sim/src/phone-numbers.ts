/**
 * Synthetic mainland mobile numbers: 11 digits, a network prefix 13x–19x allocated by MIIT to China
 * Mobile, Unicom and Telecom, then 8 digits. Unique within a simulation without remembering them: under
 * each prefix the k-th number handed out is k · 48271 + offset (mod 10⁸), a bijection because 48271 is
 * coprime with 10⁸, so numbers never repeat and still look scattered.
 */
import type { Random } from './random.js';

const prefixes = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

const SUBSCRIBERS = 100_000_000;
const MULTIPLIER = 48_271;

export class PhoneNumberBook {
  private readonly issued = new Float64Array(prefixes.length);
  private readonly offsets: number[];

  constructor(seed: number) {
    this.offsets = prefixes.map((_, i) => ((seed + 1) * 2_654_435_761 + i * 97_531) % SUBSCRIBERS);
  }

  /** A new number not handed out before by this book. */
  next(random: Random): string {
    const prefix = random.int(prefixes.length);
    const k = this.issued[prefix]!++;
    const subscriber = (k * MULTIPLIER + this.offsets[prefix]!) % SUBSCRIBERS;
    return prefixes[prefix]! + String(subscriber).padStart(8, '0');
  }
}
