/**
 * Checks one CSV field against its column type and turns it into a typed value, or says why it cannot:
 * times with offset to UTC, resident IDs, passports, phones and countries to canonical form.
 */
import { countryAlpha3 } from '../identifiers/countries.js';
import { normalisePassport } from '../identifiers/passport.js';
import { normaliseMainlandMobile } from '../identifiers/phone.js';
import { cleanResidentId } from '../identifiers/resident-id.js';
import { offsetDateTimeToUtcIso, parseCalendarDate } from '../time/iso-instant.js';
import type { ColumnType } from './csv-template.js';
import type { ColumnValue } from './parsed-row.js';

export type FieldParse = { value: ColumnValue } | { reason: string };

const booleans: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
  y: true,
  n: false,
};
const sexes: Record<string, string> = {
  male: 'male',
  female: 'female',
  other: 'other',
  unknown: 'unknown',
  m: 'male',
  f: 'female',
  男: 'male',
  女: 'female',
};

/** Parses a non-empty, trimmed field. */
export function parseField(text: string, type: ColumnType): FieldParse {
  switch (type.kind) {
    case 'text':
      if (type.maxLength !== undefined && text.length > type.maxLength)
        return { reason: `longer than ${type.maxLength} characters` };
      if (type.pattern && !type.pattern.test(text))
        return { reason: `must be ${type.patternHint ?? `like ${type.pattern.source}`}` };
      return { value: text };
    case 'instant': {
      const utc = offsetDateTimeToUtcIso(text);
      return utc
        ? { value: utc }
        : { reason: 'must be an ISO 8601 date-time with offset, e.g. 2022-03-05T08:30:00+08:00' };
    }
    case 'date':
      return parseCalendarDate(text) ? { value: text } : { reason: 'must be a date YYYY-MM-DD that exists' };
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) return { reason: 'must be a whole number' };
      return inRange(Number(text), type.min, type.max);
    }
    case 'decimal': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { reason: 'must be a number' };
      return inRange(Number(text), type.min, type.max);
    }
    case 'choice':
      return type.values.includes(text)
        ? { value: text }
        : { reason: `must be one of ${type.values.join(', ')}` };
    case 'boolean': {
      const value = booleans[text.toLowerCase()];
      return value === undefined ? { reason: 'must be true or false' } : { value };
    }
    case 'sex': {
      const value = sexes[text.toLowerCase()];
      return value === undefined ? { reason: 'must be male, female, other or unknown' } : { value };
    }
    case 'resident-id': {
      const value = cleanResidentId(text);
      return /^\d{17}[\dX]$/.test(value)
        ? { value }
        : { reason: 'must be 17 digits followed by a digit or X' };
    }
    case 'passport': {
      const check = normalisePassport(text);
      return check.valid ? { value: check.value } : { reason: check.reason };
    }
    case 'phone': {
      const mobile = normaliseMainlandMobile(text);
      if (mobile) return { value: mobile };
      return /^[+\d][\d\s()-]{4,}$/.test(text) ? { value: text } : { reason: 'must be a phone number' };
    }
    case 'area-code':
      return /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/.test(text)
        ? { value: text }
        : {
            reason:
              'must be a GB/T 2260 area code of 2, 4, 6, 9, 12 or 15 digits (province, city, county, street, community, grid)',
          };
    case 'country': {
      const alpha3 = countryAlpha3(text);
      return alpha3
        ? { value: alpha3 }
        : { reason: 'must be an ISO 3166-1 country code (alpha-2 or alpha-3)' };
    }
    case 'list':
      return {
        value: text
          .split(';')
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      };
  }
}

function inRange(value: number, min: number | undefined, max: number | undefined): FieldParse {
  if (!Number.isFinite(value)) return { reason: 'must be a finite number' };
  if (min !== undefined && value < min) return { reason: `must be at least ${min}` };
  if (max !== undefined && value > max) return { reason: `must be at most ${max}` };
  return { value };
}
