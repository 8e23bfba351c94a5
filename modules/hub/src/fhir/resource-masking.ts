/**
 * Field-level disclosure on FHIR resources (MISSION B3): identity numbers, names, phone numbers, birth dates
 * and addresses are masked unless the caller's role or sharing agreement grants them — the same rule the
 * JSON API applies, element by element of a Patient and of the subject of any other resource.
 *
 * Every identifier is masked, whatever its system: a source's own record number is often the resident ID
 * itself (a community register keyed by ID number), and a hospital number identifies a person as well.
 */
import { AppError, disclose, maskName, type SensitiveField } from '@shuzhi/core';
import { assertSearchDisclosed, type FieldSearches } from '@shuzhi/identity';
import { coded, errorIssue, type FhirIssue, type Json, type SearchQuery } from '../core/index.js';

export function maskResource(resource: Json, disclosed: ReadonlySet<SensitiveField>): Json {
  const copy = structuredClone(resource);
  const text = (field: SensitiveField, value: unknown) =>
    typeof value === 'string' ? disclose(disclosed, field, value) : value;
  const maskIdentifiers = (list: unknown) => {
    for (const item of asList(list)) item.value = text('identifiers', item.value);
  };
  const names = disclosed.has('name');
  if (copy.resourceType === 'Patient') {
    maskIdentifiers(copy.identifier);
    for (const name of asList(copy.name)) {
      name.text = text('name', name.text);
      // The parts agree with the masked text (`田**`): the family name's first character, no given name.
      // Masking each part on its own kept the first character of every part, which spelt `田` + `辉*`.
      name.family = typeof name.family === 'string' && !names ? maskName(name.family) : name.family;
      if (Array.isArray(name.given) && !names)
        name.given = (name.given as unknown[]).map((g) =>
          typeof g === 'string' ? '*'.repeat([...g].length) : (g as Json),
        );
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
    if (identifier && typeof identifier === 'object')
      identifier.value = text('identifiers', identifier.value);
  }
  return copy;
}

/**
 * What FHIR search parameters match among sensitive fields: the one search rule (`assertSearchDisclosed` of the
 * identity module: a caller may not search by a field it sees masked) over FHIR's grammar. Only identifiers
 * are searchable in FHIR here: `identifier`, and a subject or patient given by identifier (`subject:identifier`).
 */
const fhirFieldSearches: FieldSearches = {
  params: {
    identifier: ['identifiers'],
    'subject:identifier': ['identifiers'],
    'patient:identifier': ['identifiers'],
  },
};

/**
 * A search by a masked field answers "is this person here?" even when the answer masks it, so it is refused
 * as the JSON API refuses it (same rule, same words) — except a data source looking up its own records by its
 * own record numbers (`urn:shuzhi:source:{its id}`), which it sent itself.
 */
export function identifierSearchRefusal(
  query: SearchQuery,
  disclosed: ReadonlySet<SensitiveField>,
  ownSourceId: string | null,
): FhirIssue | null {
  const own = ownSourceId === null ? null : `urn:shuzhi:source:${ownSourceId}`;
  const searched: { parameter: string; token: { system?: string | null } }[] = [
    ...(query.tokens['identifier'] ?? []).flat().map((token) => ({ parameter: 'identifier', token })),
    ...Object.entries(query.references).flatMap(([parameter, alternatives]) =>
      alternatives
        .flat()
        .flatMap((ref) =>
          'identifier' in ref ? [{ parameter: `${parameter}:identifier`, token: ref.identifier }] : [],
        ),
    ),
  ];
  // Only the parameter names reach the rule, never the values searched for.
  const asked = new URLSearchParams();
  for (const { parameter, token } of searched)
    if (own === null || token.system !== own) asked.append(parameter, '*');
  try {
    assertSearchDisclosed(`?${asked.toString()}`, fhirFieldSearches, disclosed);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'forbidden') throw error;
    // The gatekeeper's one coded refusal (search-masked, naming the parameter and the field); a data source is
    // also told the system under which it may search its own records, as a reason of its own.
    const issue = error.issues[0];
    const params = issue?.params ?? {};
    const reason =
      own === null
        ? coded('search-masked', params)
        : coded('search-masked-own-records', { ...params, system: own });
    return errorIssue('forbidden', issue?.field ?? 'identifier', reason);
  }
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

function stripUndefined(value: Json): void {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
}
