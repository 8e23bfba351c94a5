/**
 * Frequency-based name weights (Winkler 1989, "Frequency-based matching in Fellegi–Sunter model of record
 * linkage"): agreeing on a rare name is stronger evidence than agreeing on 张伟. Counts the pinyin form of
 * every name and turns a name's share into a weight adjustment relative to an average name.
 */
import type { LinkageTable } from './linkage-record.js';

export interface NameFrequencyOptions {
  /** Most bits a rare name may add (a name seen once is not proof; it may be a typo). Default 5. */
  maxBoost?: number;
  /** Most bits a common name may remove. Default 8. */
  maxPenalty?: number;
}

export class NameFrequency {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private sumOfSquares = 0;
  private readonly maxBoost: number;
  private readonly maxPenalty: number;

  constructor(options: NameFrequencyOptions = {}) {
    this.maxBoost = options.maxBoost ?? 5;
    this.maxPenalty = options.maxPenalty ?? 8;
  }

  /** Counts the name of a table row. */
  addRow(table: LinkageTable, row: number): void {
    const name = table.names[row];
    if (!name) return;
    const count = this.counts.get(name.orderFreeKey) ?? 0;
    this.counts.set(name.orderFreeKey, count + 1);
    this.total++;
    this.sumOfSquares += 2 * count + 1;
  }

  /** Forgets the name of a table row (a corrected record leaves the index before it comes back). */
  removeRow(table: LinkageTable, row: number): void {
    const name = table.names[row];
    const count = name ? (this.counts.get(name.orderFreeKey) ?? 0) : 0;
    if (!name || count === 0) return;
    if (count === 1) this.counts.delete(name.orderFreeKey);
    else this.counts.set(name.orderFreeKey, count - 1);
    this.total--;
    this.sumOfSquares -= 2 * count - 1;
  }

  /**
   * log2(p̄ / p_v): how much more (or less) informative agreeing on this name is than agreeing on an
   * average one, where p_v is the name's share and p̄ = Σ p_v² the chance two random names agree.
   */
  adjustment(nameKey: string): number {
    const count = this.counts.get(nameKey) ?? 0;
    if (count === 0 || this.total === 0) return 0;
    const share = count / this.total;
    const average = this.sumOfSquares / (this.total * this.total);
    const bits = Math.log2(average / share);
    return Math.max(-this.maxPenalty, Math.min(this.maxBoost, bits));
  }
}
