/**
 * Blocking: only records that share at least one blocking key are compared, which turns n² comparisons
 * into roughly n × (block size). Several keys, each robust to different errors, keep recall high; a pair
 * sharing several keys is compared once, under the first key it shares (Christen 2012, "Data Matching",
 * ch. 4).
 */
import type { LinkageTable } from './linkage-record.js';

export interface BlockingRule {
  name: string;
  /** The record's key under this rule, '' when the record has none. */
  key(table: LinkageTable, row: number): string;
}

/**
 * Default rules and the errors each survives:
 * birth date + name initials — any name spelling with the same initials (homophones, transliteration,
 * swapped order), a new phone, a move; phone — anything but a new phone; name + birth year — a slip in
 * month or day; name + county — a slip in the birth year, or no birth date; the tail of the resident ID
 * number — a slip at its start.
 */
export const defaultBlockingRules: readonly BlockingRule[] = [
  {
    name: 'birth-date+initials',
    key: (t, row) => {
      const name = t.names[row];
      return t.birth[row] !== 0 && name ? `${t.birth[row]}:${name.initials}` : '';
    },
  },
  { name: 'phone', key: (t, row) => t.phone[row]! },
  {
    name: 'name+birth-year',
    key: (t, row) => {
      const name = t.names[row];
      return t.birth[row] !== 0 && name ? `${name.orderFreeKey}:${Math.floor(t.birth[row]! / 10_000)}` : '';
    },
  },
  {
    name: 'name+county',
    key: (t, row) => {
      const name = t.names[row];
      return t.area[row] !== '' && name ? `${name.orderFreeKey}:${t.area[row]}` : '';
    },
  },
  {
    // Birth month, day, sequence and check character of the ID as written: finds a slip in the area code
    // or birth year of an ID number (which fails the check digit) when the name was also written otherwise.
    name: 'resident-id-tail',
    key: (t, row) => (t.rawResidentId[row]!.length === 18 ? t.rawResidentId[row]!.slice(10) : ''),
  },
];

export interface BlockingOptions {
  rules?: readonly BlockingRule[];
  /**
   * Blocks larger than this are skipped (their pairs are left to the other rules): a key shared by
   * thousands of records — a placeholder phone number, a very common name in one county — carries little
   * information and would cost millions of comparisons.
   */
  maxBlockSize?: number;
}

export const defaultMaxBlockSize = 500;

export interface OversizedBlock {
  rule: string;
  key: string;
  size: number;
}

export interface BlockingStats {
  /** Distinct pairs compared. */
  candidatePairs: number;
  /** Per rule: how many pairs were first found under it. */
  pairsByRule: Record<string, number>;
  oversizedBlocks: OversizedBlock[];
}

/**
 * Calls `visit(i, j)` once for every distinct pair (i < j) that shares a key, skipping pairs for which
 * `skip(i, j)` is true (e.g. already linked by the same valid resident ID).
 */
export function forEachCandidatePair(
  table: LinkageTable,
  visit: (i: number, j: number) => void,
  options: BlockingOptions & { skip?: (i: number, j: number) => boolean } = {},
): BlockingStats {
  const rules = options.rules ?? defaultBlockingRules;
  const maxBlockSize = options.maxBlockSize ?? defaultMaxBlockSize;
  const keys = rules.map((rule) => {
    const column = new Array<string>(table.size);
    for (let row = 0; row < table.size; row++) column[row] = rule.key(table, row);
    return column;
  });
  const oversized = rules.map(() => new Set<string>());
  const seen = { keys, oversized };
  const stats: BlockingStats = { candidatePairs: 0, pairsByRule: {}, oversizedBlocks: [] };
  rules.forEach((rule, r) => {
    const blocks = groupRowsByKey(keys[r]!);
    let found = 0;
    for (const [key, rows] of blocks) {
      if (rows.length < 2) continue;
      if (rows.length > maxBlockSize) {
        oversized[r]!.add(key);
        stats.oversizedBlocks.push({ rule: rule.name, key, size: rows.length });
        continue;
      }
      for (let x = 0; x < rows.length; x++) {
        const i = rows[x]!;
        for (let y = x + 1; y < rows.length; y++) {
          const j = rows[y]!;
          if (sharesEarlierKey(seen, r, i, j)) continue;
          if (options.skip?.(i, j)) continue;
          visit(i, j);
          found++;
        }
      }
    }
    stats.pairsByRule[rule.name] = found;
    stats.candidatePairs += found;
  });
  return stats;
}

function groupRowsByKey(column: string[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  for (let row = 0; row < column.length; row++) {
    const key = column[row]!;
    if (key === '') continue;
    const rows = blocks.get(key);
    if (rows) rows.push(row);
    else blocks.set(key, [row]);
  }
  return blocks;
}

/** Whether the pair was already compared under an earlier rule (same key there, block not skipped). */
function sharesEarlierKey(
  blocking: { keys: string[][]; oversized: Set<string>[] },
  rule: number,
  i: number,
  j: number,
): boolean {
  for (let r = 0; r < rule; r++) {
    const key = blocking.keys[r]![i]!;
    if (key !== '' && key === blocking.keys[r]![j] && !blocking.oversized[r]!.has(key)) return true;
  }
  return false;
}
