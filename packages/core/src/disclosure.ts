/**
 * Field-level disclosure (MISSION B3): which sensitive fields a caller sees in clear. Identifiers, phone
 * numbers and names are masked unless the caller's role (for staff) or data-sharing agreement (for an
 * external consumer) grants them.
 */
import type { Role } from './roles.js';

export const sensitiveFields = ['identifiers', 'phone', 'name', 'address', 'birth_date'] as const;
export type SensitiveField = (typeof sensitiveFields)[number];

/** What each staff role sees in clear by default (within its area scope and purpose). */
export const roleDisclosure: Record<Role, readonly SensitiveField[]> = {
  citizen: [],
  grid_worker: ['name', 'phone', 'address'],
  venue_operator: [],
  data_source: [],
  port_staff: ['identifiers', 'name', 'phone', 'birth_date', 'address'],
  epidemiologist: ['identifiers', 'name', 'phone', 'birth_date', 'address'],
  analyst: [],
  admin: [],
  auditor: [],
};

/** `430202199003074571` → `430202********4571` (area and last four kept, as receipts print them). */
export function maskIdentifier(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  const keepStart = value.length >= 15 ? 6 : 2;
  return `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - 4)}${value.slice(-4)}`;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `张三丰` → `张**`; `John Smith` → `J*** S****`. */
export function maskName(value: string): string {
  if (/[\u4e00-\u9fff]/.test(value))
    return `${[...value][0] ?? ''}${'*'.repeat(Math.max(0, [...value].length - 1))}`;
  return value
    .split(/\s+/)
    .map((w) => (w.length === 0 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`))
    .join(' ');
}

/** `1990-03-07` → `1990-**-**` (the year stays: age matters to epidemiology). */
export function maskBirthDate(value: string): string {
  return value.length >= 4 ? `${value.slice(0, 4)}-**-**` : '****';
}

export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 6
    ? '*'.repeat(chars.length)
    : `${chars.slice(0, 6).join('')}${'*'.repeat(chars.length - 6)}`;
}

const maskers: Record<SensitiveField, (v: string) => string> = {
  identifiers: maskIdentifier,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
  birth_date: maskBirthDate,
};

/** The value in clear if the field is disclosed, masked otherwise. */
export function disclose(
  disclosed: ReadonlySet<SensitiveField>,
  field: SensitiveField,
  value: string,
): string;
export function disclose(
  disclosed: ReadonlySet<SensitiveField>,
  field: SensitiveField,
  value: string | null,
): string | null;
export function disclose(
  disclosed: ReadonlySet<SensitiveField>,
  field: SensitiveField,
  value: string | null,
): string | null {
  if (value === null) return null;
  return disclosed.has(field) ? value : maskers[field](value);
}
