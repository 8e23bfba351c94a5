/**
 * The golden record of a person: the name, sex, birth date and area shown for them, assembled from the
 * source records linked to them. The newest record that states a field wins (people move, names get
 * corrected); a valid resident ID supplies birth date and sex when no record states them (GB 11643 §5).
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

/** The golden record after one more (newer) source record. */
export function withSourceRecord(current: GoldenRecord, source: GoldenSource): GoldenRecord {
  const id = source.residentId ? checkResidentId(source.residentId) : null;
  const validId = id?.valid ? id : null;
  return {
    name: source.name || current.name,
    sex: usableSex(source.sex) ?? current.sex ?? validId?.sex ?? null,
    birth_date: source.birthDate || current.birth_date || validId?.birthDate || null,
    area_code: source.areaCode || current.area_code,
  };
}

/** The golden record of records taken oldest first. */
export function goldenOf(sources: Iterable<GoldenSource>): GoldenRecord {
  let golden = emptyGolden;
  for (const source of sources) golden = withSourceRecord(golden, source);
  return golden;
}

export function sameGolden(a: GoldenRecord, b: GoldenRecord): boolean {
  return a.name === b.name && a.sex === b.sex && a.birth_date === b.birth_date && a.area_code === b.area_code;
}

function usableSex(sex: string | null | undefined): string | null {
  return sex === 'male' || sex === 'female' || sex === 'other' ? sex : null;
}
