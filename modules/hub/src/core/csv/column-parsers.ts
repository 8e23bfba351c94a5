/**
 * Checks one CSV field against its column type and turns it into a typed value, or says why it cannot:
 * times with offset to UTC, resident IDs, passports, phones and countries to canonical form.
 */
import { countryAlpha3 } from '../identifiers/countries.js';
import { normalisePassport } from '../identifiers/passport.js';
import { normaliseMainlandMobile } from '../identifiers/phone.js';
import { cleanResidentId } from '../identifiers/resident-id.js';
import { offsetDateTimeToUtcIso, parseCalendarDate } from '../time/iso-instant.js';
import { coded, type CodedReason } from '../reasons.js';
import type { ColumnType } from './csv-template.js';
import type { ColumnValue } from './parsed-row.js';

export type FieldParse = { value: ColumnValue } | CodedReason;

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
        return coded('too-long', { max: type.maxLength });
      if (type.pattern && !type.pattern.test(text))
        return coded('pattern', { hint: type.patternHint ?? `like ${type.pattern.source}` });
      return { value: text };
    case 'instant': {
      const utc = offsetDateTimeToUtcIso(text);
      return utc ? { value: utc } : coded('date-time-offset');
    }
    case 'date':
      return parseCalendarDate(text) ? { value: text } : coded('calendar-date');
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) return coded('whole-number');
      return inRange(Number(text), type.min, type.max);
    }
    case 'decimal': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return coded('number');
      return inRange(Number(text), type.min, type.max);
    }
    case 'choice':
      return type.values.includes(text)
        ? { value: text }
        : coded('one-of', { values: type.values.join(', ') });
    case 'boolean': {
      const value = booleans[text.toLowerCase()];
      return value === undefined ? coded('boolean') : { value };
    }
    case 'sex': {
      const value = sexes[text.toLowerCase()];
      return value === undefined ? coded('sex') : { value };
    }
    case 'resident-id': {
      const value = cleanResidentId(text);
      return /^\d{17}[\dX]$/.test(value) ? { value } : coded('resident-id-format');
    }
    case 'passport': {
      const check = normalisePassport(text);
      return check.valid ? { value: check.value } : coded(check.code, check.params);
    }
    case 'phone': {
      const mobile = normaliseMainlandMobile(text);
      if (mobile) return { value: mobile };
      return /^[+\d][\d\s()-]{4,}$/.test(text) ? { value: text } : coded('phone');
    }
    case 'area-code':
      return /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/.test(text) ? { value: text } : coded('area-code');
    case 'country': {
      const alpha3 = countryAlpha3(text);
      return alpha3 ? { value: alpha3 } : coded('country');
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
  if (!Number.isFinite(value)) return coded('finite-number');
  if (min !== undefined && value < min) return coded('at-least', { min });
  if (max !== undefined && value > max) return coded('at-most', { max });
  return { value };
}
