/**
 * Field-level disclosure on FHIR resources (MISSION B3): identity numbers, names, phone numbers, birth dates
 * and addresses are masked unless the caller's role or sharing agreement grants them — the same rule the
 * JSON API applies, element by element of a Patient and of the subject of any other resource.
 */
import { disclose, type SensitiveField } from '@shuzhi/core';
import type { Json } from '../core/index.js';

const identitySystems = new Set([
  'urn:shuzhi:id:cn-resident',
  'urn:shuzhi:id:passport',
  'urn:shuzhi:id:import',
]);

export function maskResource(resource: Json, disclosed: ReadonlySet<SensitiveField>): Json {
  const copy = structuredClone(resource);
  const text = (field: SensitiveField, value: unknown) =>
    typeof value === 'string' ? disclose(disclosed, field, value) : value;
  const maskIdentifiers = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list as Json[])
      if (typeof item.system === 'string' && identitySystems.has(item.system))
        item.value = text('identifiers', item.value);
  };
  if (copy.resourceType === 'Patient') {
    maskIdentifiers(copy.identifier);
    for (const name of asList(copy.name)) {
      name.text = text('name', name.text);
      name.family = text('name', name.family);
      if (Array.isArray(name.given)) name.given = name.given.map((g) => text('name', g));
      stripUndefined(name);
    }
    for (const telecom of asList(copy.telecom))
      if (telecom.system === 'phone' || telecom.system === 'sms')
        telecom.value = text('phone', telecom.value);
    if (typeof copy.birthDate === 'string') copy.birthDate = text('birth_date', copy.birthDate);
    for (const address of asList(copy.address)) {
      address.text = text('address', address.text);
      if (Array.isArray(address.line)) address.line = address.line.map((l) => text('address', l));
      stripUndefined(address);
    }
    return copy;
  }
  for (const key of ['subject', 'patient']) {
    const subject = copy[key] as Json | undefined;
    if (!subject || typeof subject !== 'object') continue;
    if (typeof subject.display === 'string') subject.display = text('name', subject.display);
    const identifier = subject.identifier as Json | undefined;
    if (identifier && typeof identifier.system === 'string' && identitySystems.has(identifier.system))
      identifier.value = text('identifiers', identifier.value);
  }
  return copy;
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

function stripUndefined(value: Json): void {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
}
