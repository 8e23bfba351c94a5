/**
 * The golden record of a person: the name, sex, birth date and area shown for them, assembled from the
 * source records linked to them by a survivorship rule a registrar can defend:
 * 1. Birth date and sex: a value that agrees with a valid resident ID linked to the person wins over one that
 *    does not (GB 11643 §5 encodes both; the check digit makes the ID the better-kept source). When no record
 *    states the field, the ID supplies it.
 * 2. Otherwise — and for the name — the value stated by the most linked records wins; a tie goes to the one
 *    stated most recently. One typo'd birth date or a pinyin spelling from one source loses to two records
 *    that agree; names are counted by their written form (NFKC, case and spaces ignored), and the newest
 *    spelling of the winning name is shown.
 * 3. Area: the newest record that states one wins. An area is not a fact about the person that sources get
 *    wrong but one that changes (people move); the old district outvoting the new would file a person where
 *    they no longer live, out of sight of the district that now has to follow them up.
 * `goldenOf` is the rule over all of a person's records (merges, unmerges, splits, moves); `confirmedGolden`
 * is the cheap path of ingest, for newer records that can only confirm the shown values.
 */
import { checkResidentId } from '../core/index.js';
import type { GoldenRecord } from './mpi.repository.js';

/** The fields of one source record that feed the golden record. */
export interface GoldenSource {
  name?: string | null;
  sex?: string | null;
  birthDate?: string | null;
  areaCode?: string | null;
  residentId?: string | null;
}

export const emptyGolden: GoldenRecord = { name: null, sex: null, birth_date: null, area_code: null };

/** The golden record of a person's records, taken oldest first. */
export function goldenOf(sources: readonly GoldenSource[]): GoldenRecord {
  // Most persons arrive with one record: nothing to count (a tenth of the cost on ingest).
  const single = sources.length === 1 ? confirmedGolden(emptyGolden, sources) : undefined;
  return single ?? countedGolden(sources);
}

function countedGolden(sources: readonly GoldenSource[]): GoldenRecord {
  const ids = sources.map(validIdOf).filter((id) => id !== null);
  const newestId = ids.at(-1);
  const birthDates = new Set(ids.map((id) => id.birthDate));
  const sexes = new Set(ids.map((id) => id.sex));
  return {
    name: survivingValue(
      sources.map((s) => s.name || null),
      { key: nameKey },
    ),
    sex:
      survivingValue(
        sources.map((s) => usableSex(s.sex)),
        { preferred: (v) => sexes.has(v) },
      ) ??
      newestId?.sex ??
      null,
    birth_date:
      survivingValue(
        sources.map((s) => s.birthDate || null),
        { preferred: (v) => birthDates.has(v) },
      ) ??
      newestId?.birthDate ??
      null,
    area_code: sources.reduce<string | null>((area, s) => s.areaCode || area, null),
  };
}

/**
 * The golden record after newer records that only confirm it — each value they state is the one shown (or
 * the field was empty), and a valid resident ID they hold agrees with the birth date and sex shown — without
 * counting the person's other records: a confirming vote cannot unseat the winner. Undefined when they
 * disagree: then the person's records must be counted again (`goldenOf`).
 */
export function confirmedGolden(
  current: GoldenRecord,
  newer: readonly GoldenSource[],
): GoldenRecord | undefined {
  let golden = current;
  for (const source of newer) {
    const name = confirmedValue(golden.name, source.name || null, nameKey);
    const sex = confirmedValue(golden.sex, usableSex(source.sex));
    const birthDate = confirmedValue(golden.birth_date, source.birthDate || null);
    if (name === undefined || sex === undefined || birthDate === undefined) return undefined;
    const id = validIdOf(source);
    if (id && ((sex !== null && sex !== id.sex) || (birthDate !== null && birthDate !== id.birthDate)))
      return undefined;
    golden = {
      name,
      sex: sex ?? id?.sex ?? null,
      birth_date: birthDate ?? id?.birthDate ?? null,
      area_code: source.areaCode || golden.area_code,
    };
  }
  return golden;
}

export function sameGolden(a: GoldenRecord, b: GoldenRecord): boolean {
  return a.name === b.name && a.sex === b.sex && a.birth_date === b.birth_date && a.area_code === b.area_code;
}

/**
 * The value stated by the most records (oldest first), among those `preferred` when any is; a tie goes to the
 * value stated most recently. Values with one `key` count together; the newest of them is the one shown.
 */
function survivingValue(
  values: readonly (string | null)[],
  rule: { key?: (value: string) => string; preferred?: (value: string) => boolean },
): string | null {
  const key = rule.key ?? ((value: string) => value);
  const tally = new Map<string, { votes: number; newest: number; value: string; preferred: boolean }>();
  values.forEach((value, at) => {
    if (value === null) return;
    const entry = tally.get(key(value));
    if (entry) Object.assign(entry, { votes: entry.votes + 1, newest: at, value });
    else tally.set(key(value), { votes: 1, newest: at, value, preferred: rule.preferred?.(value) ?? false });
  });
  const entries = [...tally.values()];
  const candidates = entries.some((e) => e.preferred) ? entries.filter((e) => e.preferred) : entries;
  let best: (typeof candidates)[number] | undefined;
  for (const entry of candidates)
    if (!best || entry.votes > best.votes || (entry.votes === best.votes && entry.newest > best.newest))
      best = entry;
  return best?.value ?? null;
}

/** What `current` becomes after one more record stating `stated`; undefined when the record disagrees. */
function confirmedValue(
  current: string | null,
  stated: string | null,
  key: (value: string) => string = (value) => value,
): string | null | undefined {
  if (stated === null) return current;
  if (current === null || key(current) === key(stated)) return stated;
  return undefined;
}

/** Names counted as one: the same characters once full-width forms, case and spaces are set aside. */
function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function validIdOf(source: GoldenSource): { birthDate: string; sex: string } | null {
  if (!source.residentId) return null;
  const id = checkResidentId(source.residentId);
  return id.valid ? { birthDate: id.birthDate, sex: id.sex } : null;
}

function usableSex(sex: string | null | undefined): string | null {
  return sex === 'male' || sex === 'female' || sex === 'other' ? sex : null;
}
