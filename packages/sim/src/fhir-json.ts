/**
 * NDJSON lines for the two resources sent by the million (screening results and the patients they
 * register), written as strings without building objects first. Each function returns exactly
 * `JSON.stringify` of the corresponding builder in fhir-resources.ts (a test checks it).
 */
import {
  areaCodeExtensionUrl,
  identifierSystems,
  type ObservationFields,
  type PatientFields,
} from './fhir-resources.js';

const q = JSON.stringify;

const observationCategory =
  '"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}]';
const observationCode = {
  pcr: '"code":{"coding":[{"system":"http://loinc.org","code":"94500-6","display":"SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection"}]}',
  antigen:
    '"code":{"coding":[{"system":"http://loinc.org","code":"94558-4","display":"SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay"}]}',
} as const;
const positiveValue =
  '"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004","display":"Positive"}]}';
const negativeValue =
  '"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260385009","display":"Negative"}]}';

export function observationJson(f: ObservationFields): string {
  const pool = f.pool
    ? `,"method":{"text":"pooled sample, 10 specimens"},"identifier":[{"system":"urn:shuzhi:sample-pool","value":${q(f.pool)}}]`
    : '';
  return (
    `{"resourceType":"Observation","id":${q(f.id)},"status":"final",${observationCategory},${observationCode[f.kind]},` +
    `"subject":{"reference":${q(`Patient/${f.patientId}`)}},"effectiveDateTime":${q(f.effective)},"issued":${q(f.issued)},` +
    `"performer":[{"reference":${q(`Organization/${f.organizationId}`)}}],${f.positive ? positiveValue : negativeValue}${pool}}`
  );
}

export function patientJson(f: PatientFields): string {
  let identifier = `{"system":${q(identifierSystems.source(f.sourceId))},"value":${q(f.recordId)}}`;
  if (f.residentId) identifier += `,{"system":"${identifierSystems.residentId}","value":${q(f.residentId)}}`;
  if (f.passport) identifier += `,{"system":"${identifierSystems.passport}","value":${q(f.passport)}}`;
  let out = `{"resourceType":"Patient","id":${q(f.id)},"identifier":[${identifier}],"name":[{"use":"official","text":${q(f.text)},"family":${q(f.family)},"given":[${q(f.given)}]}],"gender":"${f.gender}"`;
  if (f.birthDate) out += `,"birthDate":${q(f.birthDate)}`;
  if (f.phone) out += `,"telecom":[{"system":"phone","value":${q(f.phone)},"use":"mobile"}]`;
  if (f.address) {
    const a = f.address;
    let address = '{"use":"home"';
    if (a.text) address += `,"text":${q(a.text)}`;
    if (a.district) address += `,"district":${q(a.district)}`;
    if (a.city) address += `,"city":${q(a.city)}`;
    if (a.state) address += `,"state":${q(a.state)}`;
    address += `,"country":"CN","extension":[{"url":"${areaCodeExtensionUrl}","valueCode":${q(a.areaCode)}}]}`;
    out += `,"address":[${address}]`;
  }
  return `${out}}`;
}
