/**
 * Plans how the daily counts change when records' contributions are replaced (pure): what each key
 * contributed before is taken away and what it contributes now is added, at its street, district and city.
 * An imported figure sets its own area's count and adds to the areas above it. Keys whose contributions
 * are unchanged, or whose event is older than the one stored, change nothing.
 */
import type { ContributionSet } from './contributions.js';
import type { CountIndicator } from './indicator-catalogue.js';
import { seriesAreasOf, type SeriesLevel } from './indicator-areas.js';

/** A contribution as stored: under its leaf series area. */
export interface StoredContribution {
  key: string;
  indicator: CountIndicator;
  area: string;
  level: SeriesLevel;
  date: string;
  count: number;
  imported: boolean;
  seq: number;
}

export interface CountCell {
  area: string;
  level: SeriesLevel;
  indicator: CountIndicator;
  date: string;
}

export interface ContributionPlan {
  /** Keys whose stored rows are replaced by `insert`. */
  replaceKeys: string[];
  insert: StoredContribution[];
  /** Additions to the derived sums, by cell (never zero). */
  derivedDeltas: (CountCell & { delta: number })[];
  /** Imported figures to set (count) or withdraw (null), by cell. */
  importedFigures: (CountCell & { count: number | null })[];
  changed: number;
  unchanged: number;
  /** Contributions whose area is not in the city (left out). */
  outsideCity: number;
}

export function cellKey(cell: Pick<CountCell, 'area' | 'indicator' | 'date'>): string {
  return `${cell.area}|${cell.indicator}|${cell.date}`;
}

function sameRows(a: readonly StoredContribution[], b: readonly StoredContribution[]): boolean {
  if (a.length !== b.length) return false;
  const signature = (r: StoredContribution) => `${r.indicator}|${r.area}|${r.date}|${r.count}|${r.imported}`;
  const left = a.map(signature).sort();
  const right = b.map(signature).sort();
  return left.every((s, i) => s === right[i]);
}

export function planContributionChanges(
  stored: readonly StoredContribution[],
  incoming: readonly ContributionSet[],
): ContributionPlan {
  const current = new Map<string, StoredContribution[]>();
  for (const row of stored) current.set(row.key, [...(current.get(row.key) ?? []), row]);
  const touched = new Set<string>();
  const deltas = new Map<string, CountCell & { delta: number }>();
  const figures = new Map<string, CountCell & { count: number | null }>();
  let changed = 0;
  let unchanged = 0;
  let outsideCity = 0;

  const addDelta = (cell: CountCell, delta: number) => {
    const key = cellKey(cell);
    const entry = deltas.get(key) ?? { ...cell, delta: 0 };
    entry.delta += delta;
    deltas.set(key, entry);
  };
  const apply = (row: StoredContribution, sign: 1 | -1) => {
    const areas = seriesAreasOf(row.area);
    if (!areas) return;
    const at = (area: { code: string; level: SeriesLevel }): CountCell => ({
      area: area.code,
      level: area.level,
      indicator: row.indicator,
      date: row.date,
    });
    const leaf = at(areas.leaf);
    // The imported figure itself is set after the withdrawals (below); here it is only withdrawn.
    if (row.imported) {
      if (sign === -1) figures.set(cellKey(leaf), { ...leaf, count: null });
    } else addDelta(leaf, sign * row.count);
    for (const above of areas.above) addDelta(at(above), sign * row.count);
  };

  for (const set of incoming) {
    const before = current.get(set.key) ?? [];
    if (before.some((row) => row.seq > set.seq)) {
      unchanged += 1;
      continue;
    }
    const after: StoredContribution[] = [];
    for (const c of set.contributions) {
      const areas = seriesAreasOf(c.area);
      if (!areas) {
        outsideCity += 1;
        continue;
      }
      after.push({
        key: set.key,
        indicator: c.indicator,
        area: areas.leaf.code,
        level: areas.leaf.level,
        date: c.date,
        count: c.count,
        imported: c.imported === true,
        seq: set.seq,
      });
    }
    if (sameRows(before, after)) {
      unchanged += 1;
      continue;
    }
    changed += 1;
    for (const row of before) apply(row, -1);
    for (const row of after) apply(row, 1);
    // An imported figure set again after being withdrawn in the same batch wins.
    for (const row of after.filter((r) => r.imported)) {
      const key = cellKey({ area: row.area, indicator: row.indicator, date: row.date });
      figures.set(key, {
        area: row.area,
        level: row.level,
        indicator: row.indicator,
        date: row.date,
        count: row.count,
      });
    }
    current.set(set.key, after);
    touched.add(set.key);
  }

  return {
    replaceKeys: [...touched],
    insert: [...touched].flatMap((key) => current.get(key) ?? []),
    derivedDeltas: [...deltas.values()].filter((d) => d.delta !== 0),
    importedFigures: [...figures.values()],
    changed,
    unchanged,
    outsideCity,
  };
}
