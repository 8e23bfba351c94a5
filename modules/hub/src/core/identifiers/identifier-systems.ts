/**
 * Identifier systems the hub understands (configurable): resident ID numbers, passports and each data
 * source's own record ids. Normalising an identifier puts its value in the one canonical form per system.
 */
import { coded, type CodedReason, type ReasonCode } from '../reasons.js';
import { checkResidentId, type ResidentIdProblem } from './resident-id.js';
import { normalisePassport } from './passport.js';

export interface IdentifierSystems {
  residentId: string;
  passport: string;
  /** Prefix of per-source systems: `${sourcePrefix}${sourceId}`. */
  sourcePrefix: string;
}

export const defaultIdentifierSystems: IdentifierSystems = {
  residentId: 'urn:shuzhi:id:cn-resident',
  passport: 'urn:shuzhi:id:passport',
  sourcePrefix: 'urn:shuzhi:source:',
};

export interface Identifier {
  system: string;
  value: string;
}

export type IdentifierKind = 'resident-id' | 'passport' | 'source' | 'other';

export interface NormalisedIdentifier {
  identifier: Identifier;
  kind: IdentifierKind;
  /**
   * Whether the value passed its system's check. An invalid resident ID or passport is kept (a person's
   * record is not refused for a typo in one field) but never used for deterministic linkage.
   */
  valid: boolean;
  /** Why the value is not valid. */
  problem?: string;
  /**
   * The same, coded, for the warning a source is given: what is wrong, never the value nor a part of it (the
   * resident-ID checker's own text quotes digits: personal data in an import report or an outcome).
   */
  problemReason?: CodedReason;
}

const residentIdProblemCodes: Record<ResidentIdProblem, ReasonCode> = {
  length: 'resident-id-length',
  characters: 'resident-id-format',
  area: 'resident-id-area',
  'birth-date': 'resident-id-birth-date',
  'check-digit': 'resident-id-check-digit',
};

/** What is wrong with a resident ID that fails GB 11643, coded, without the number. */
export function residentIdProblemReason(problem: ResidentIdProblem): CodedReason {
  return coded(residentIdProblemCodes[problem]);
}

/** The system of a data source's own record ids. */
export function sourceRecordSystem(
  sourceId: string,
  systems: IdentifierSystems = defaultIdentifierSystems,
): string {
  return `${systems.sourcePrefix}${sourceId}`;
}

/** The source id of a per-source system, or null when the system is not one. */
export function sourceIdOfSystem(
  system: string,
  systems: IdentifierSystems = defaultIdentifierSystems,
): string | null {
  if (!system.startsWith(systems.sourcePrefix)) return null;
  const sourceId = system.slice(systems.sourcePrefix.length);
  return sourceId.length > 0 ? sourceId : null;
}

export function identifierKind(
  system: string,
  systems: IdentifierSystems = defaultIdentifierSystems,
): IdentifierKind {
  if (system === systems.residentId) return 'resident-id';
  if (system === systems.passport) return 'passport';
  if (sourceIdOfSystem(system, systems) !== null) return 'source';
  return 'other';
}

/** Puts an identifier's value in its system's canonical form and says whether it is valid. */
export function normaliseIdentifier(
  identifier: Identifier,
  systems: IdentifierSystems = defaultIdentifierSystems,
): NormalisedIdentifier {
  const kind = identifierKind(identifier.system, systems);
  const value = identifier.value.trim();
  if (kind === 'resident-id') {
    const check = checkResidentId(value);
    return check.valid
      ? { identifier: { system: identifier.system, value: check.value }, kind, valid: true }
      : {
          identifier: { system: identifier.system, value: value.replace(/\s/g, '').toUpperCase() },
          kind,
          valid: false,
          problem: check.reason,
          problemReason: residentIdProblemReason(check.problem),
        };
  }
  if (kind === 'passport') {
    const check = normalisePassport(value);
    return check.valid
      ? { identifier: { system: identifier.system, value: check.value }, kind, valid: true }
      : {
          identifier: { system: identifier.system, value: value.toUpperCase() },
          kind,
          valid: false,
          problem: check.reason,
          problemReason: check.params === undefined ? coded(check.code) : coded(check.code, check.params),
        };
  }
  if (value.length === 0)
    return {
      identifier: { system: identifier.system, value },
      kind,
      valid: false,
      problem: 'empty value',
      problemReason: coded('required'),
    };
  return { identifier: { system: identifier.system, value }, kind, valid: true };
}
