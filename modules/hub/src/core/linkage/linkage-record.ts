/**
 * The records record linkage works on, and the table that holds them prepared for fast comparison:
 * names reduced to pinyin forms, dates to integers, identifiers checked, one column per field.
 */
import { checkResidentId, cleanResidentId } from '../identifiers/resident-id.js';
import { passportValue } from '../identifiers/passport.js';
import { nationalMobileNumber, normaliseMainlandMobile } from '../identifiers/phone.js';
import { nameForm, type NameForm } from './person-name.js';

/** One source's record of a person, as the master person index sees it. */
export interface LinkageRecord {
  /** Unique per record, e.g. `sourceId|sourceRecordId` (see `sourceRecordKey`). */
  recordKey: string;
  sourceId: string;
  /** Chinese characters or Latin letters, in any usual order. */
  name?: string;
  sex?: 'male' | 'female' | 'other' | 'unknown';
  /** YYYY-MM-DD. */
  birthDate?: string;
  phone?: string;
  /** GB/T 2260 code of the area of residence (6 digits or longer; the first 6 are compared). */
  areaCode?: string;
  address?: string;
  residentId?: string;
  /** `COUNTRY:NUMBER` or any spelling `normalisePassport` understands. */
  passport?: string;
}

/** The record key of a source record: the one convention shared by linkage, truth files and exports. */
export function sourceRecordKey(sourceId: string, sourceRecordId: string): string {
  return `${sourceId}|${sourceRecordId}`;
}

export const sexCodes = { missing: 0, male: 1, female: 2 } as const;

/** Column store of prepared records; grows as records are added (batch or one by one). */
export class LinkageTable {
  readonly records: LinkageRecord[] = [];
  readonly names: (NameForm | null)[] = [];
  /** Birth date as YYYYMMDD, 0 when missing. */
  readonly birth: number[] = [];
  /** 0 missing, 1 male, 2 female. */
  readonly sex: number[] = [];
  /** 11-digit mobile number, '' when missing or not a mainland mobile. */
  readonly phone: string[] = [];
  /** Six-digit county code, '' when missing. */
  readonly area: string[] = [];
  /** Address without spaces or punctuation, '' when missing. */
  readonly address: string[] = [];
  /** The resident ID when it passes GB 11643 checks, else ''. */
  readonly validResidentId: string[] = [];
  /** The resident ID as written (cleaned), valid or not, '' when missing. */
  readonly rawResidentId: string[] = [];
  /** The passport as `COUNTRY:NUMBER` when it normalises, else the cleaned text; '' when missing. */
  readonly passport: string[] = [];
  readonly passportValid: boolean[] = [];
  readonly indexOfKey = new Map<string, number>();

  get size(): number {
    return this.records.length;
  }

  /** Adds a record and returns its row; a record key may appear only once. */
  add(record: LinkageRecord): number {
    if (this.indexOfKey.has(record.recordKey)) throw new Error(`duplicate record key ${record.recordKey}`);
    const row = this.records.length;
    this.indexOfKey.set(record.recordKey, row);
    this.records.push(record);
    const id = record.residentId ? checkResidentId(record.residentId) : null;
    this.names.push(record.name ? nameForm(record.name) : null);
    // A valid resident ID carries the birth date and sex (GB 11643-1999 §5); use them when not given.
    this.birth.push(birthNumber(record.birthDate) || (id?.valid ? birthNumber(id.birthDate) : 0));
    this.sex.push(sexCode(record.sex) || (id?.valid ? sexCodes[id.sex] : 0));
    const phone = record.phone ? normaliseMainlandMobile(record.phone) : null;
    this.phone.push(phone ? nationalMobileNumber(phone) : '');
    this.area.push(record.areaCode && /^\d{6}/.test(record.areaCode) ? record.areaCode.slice(0, 6) : '');
    this.address.push(record.address ? normaliseAddress(record.address) : '');
    this.validResidentId.push(id?.valid ? id.value : '');
    this.rawResidentId.push(record.residentId ? cleanResidentId(record.residentId) : '');
    const passport = record.passport ? passportValue(record.passport) : null;
    this.passport.push(
      passport ?? (record.passport ? record.passport.replace(/[\s-]/g, '').toUpperCase() : ''),
    );
    this.passportValid.push(passport !== null);
    return row;
  }
}

/**
 * Removes the last row (a probe added to compare a record before deciding where it belongs). Only the
 * last row can be removed, so every other row keeps its index.
 */
export function removeLastRow(table: LinkageTable): void {
  const record = table.records.pop();
  if (!record) return;
  table.indexOfKey.delete(record.recordKey);
  for (const column of [table.names, table.birth, table.sex, table.phone, table.area, table.address])
    column.pop();
  for (const column of [table.validResidentId, table.rawResidentId, table.passport, table.passportValid])
    column.pop();
}

function birthNumber(date: string | undefined): number {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return 0;
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

function sexCode(sex: LinkageRecord['sex']): number {
  return sex === 'male' ? sexCodes.male : sex === 'female' ? sexCodes.female : sexCodes.missing;
}

function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .replace(/[\s\p{P}]/gu, '')
    .toLowerCase();
}
