/**
 * Stable codes for the reasons a CSV field or a FHIR element is refused, with their parameters: the imports
 * page translates a code (zh-CN, en) while the API keeps the English `reason` for its users. The English text
 * of each code is a template whose `{{name}}` placeholders take the parameters, as i18next writes them.
 */

export const reasonTexts = {
  // Any field or element.
  required: 'is required',
  'element-required': '{{element}} is required',
  'too-long': 'longer than {{max}} characters',
  'one-of': 'must be one of {{values}}',
  'at-least': 'must be at least {{min}}',
  'at-most': 'must be at most {{max}}',
  'not-before': 'must not precede {{other}}',
  'in-future': "{{value}} is in the future (the hub's clock says {{today}}); check the year",
  // CSV field types.
  pattern: 'must be {{hint}}',
  'date-time-offset': 'must be an ISO 8601 date-time with offset, e.g. 2022-03-05T08:30:00+08:00',
  'calendar-date': 'must be a date YYYY-MM-DD that exists',
  'whole-number': 'must be a whole number',
  number: 'must be a number',
  'finite-number': 'must be a finite number',
  boolean: 'must be true or false',
  sex: 'must be male, female, other or unknown',
  'resident-id-format': 'must be 17 digits followed by a digit or X',
  phone: 'must be a phone number',
  'area-code':
    'must be a GB/T 2260 area code of 2, 4, 6, 9, 12 or 15 digits (province, city, county, street, community, grid)',
  country: 'must be an ISO 3166-1 country code (alpha-2 or alpha-3)',
  'passport-format': 'must be COUNTRY:NUMBER with an ISO 3166-1 country code',
  'passport-country': 'unknown ISO 3166-1 country code {{country}}',
  'passport-number': 'passport number must be 5 to 20 letters or digits',
  'person-identity': 'one of person_source_id, resident_id or passport is required',
  'asymptomatic-onset': 'must be empty for an asymptomatic infection',
  'u07-1-classification': 'U07.1 means the virus was identified; {{classification}} cases are coded U07.2',
  'u07-2-classification':
    'U07.2 means the virus was not identified; {{classification}} cases are coded U07.1',
  'diagnosis-coding': 'the diagnosis needs a coding (ICD-10 U07.1 or U07.2 for COVID-19)',
  // CSV files.
  'csv-empty': 'the file is empty; expected the header {{expected}}',
  'csv-header': 'expected the header {{expected}}: {{problems}}',
  'csv-field-count': 'expected {{expected}} fields as in the header, found {{found}}',
  'csv-unclosed-quote': 'a quoted field is not closed before the end of the file',
  'csv-after-quote': 'unexpected character after a closing quote (column {{column}})',
  'csv-stray-quote': 'a quote inside an unquoted field (column {{column}}); quote the whole field',
  // FHIR JSON.
  'json-object': 'must be a JSON object',
  'json-array': 'must be a JSON array (the element repeats)',
  'json-string': 'must be a string',
  'json-number': 'must be a JSON number',
  'json-boolean': 'must be true or false',
  'not-empty': 'must not be empty',
  'not-empty-array': 'must not be an empty array',
  'not-blank': 'must not be empty or blank',
  'fhir-string-too-long': 'longer than {{max}} characters, the most a FHIR string holds',
  'fhir-code-whitespace': 'a code has no leading, trailing or repeated whitespace',
  'fhir-uri-whitespace': 'a URI has no whitespace',
  'fhir-id': 'an id is 1–64 letters, digits, "-" or "."',
  'fhir-integer': 'must be a 32-bit integer',
  'fhir-date': 'must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD',
  'fhir-date-time': 'must be a FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with offset',
  'fhir-instant': 'must be an instant: YYYY-MM-DDThh:mm:ss with offset',
  'coding-system-required': 'system is required to interpret the code',
  'identifier-system-required': 'system is required so the identifier can be matched',
  'reference-format': 'must be Type/id or urn:uuid:<uuid>',
  'reference-type': 'must refer to {{types}}',
  'reference-missing': 'a reference needs reference or identifier',
  'period-order': 'end must not be before start (per-1)',
  'choice-variants': '{{element}} may be {{variants}}',
  'choice-one': 'only one of {{variants}} may be present',
  'resource-type': 'resourceType must be {{type}}',
  'resource-object': 'a resource must be a JSON object',
  'patient-identity': 'a patient needs an identifier or a name to be linked to a person',
  'final-result-value': 'a final result needs value[x] (or dataAbsentReason)',
  'modifier-extension': 'modifier extensions are not understood here',
  'coding-from': 'needs a coding from {{system}}',
  between: 'must be between {{min}} and {{max}}',
  'loinc-coding': 'the test must be coded in LOINC (system {{system}})',
  'loinc-code': '{{code}} is not a LOINC code (digits, hyphen, check digit)',
  'specimen-time-required':
    'the specimen collection time (effectiveDateTime) is required for a laboratory result',
  'specimen-time-timing': 'use effectiveDateTime for the specimen collection time',
  'case-classification': 'case classification must be one of {{values}}',
  'condition-entered-in-error':
    'clinicalStatus must be absent when verificationStatus is entered-in-error (con-5)',
  'vaccine-coding': 'the vaccine needs a coding',
  'occurrence-string': 'give the date as occurrenceDateTime',
  // Refusals when a record is stored (the record store's pipeline).
  'not-processed': 'not processed: another record of the submission was rejected',
  'patient-unknown': 'Patient/{{id}} is not known to the hub; send the Patient first or in the same Bundle',
  'person-record-unknown': 'no person record {{record}} is known to the hub',
  'not-patient-reference': '{{reference}} is not a Patient reference',
  'identifier-no-person':
    'identifier system {{system}} names no person the hub can find; use a Patient reference, urn:shuzhi:source:…, a resident ID or a passport',
  'other-source-record': '{{resource}} belongs to another data source',
  'already-stored': 'this record is already stored as {{resource}}; update that id',
  'record-not-imported': '{{kind}} records are not imported here',
  'bundle-method-import': 'only POST and PUT entries can be imported',
  'ndjson-json': 'not valid JSON: {{detail}}',
  'ndjson-line-too-long':
    'the line is longer than {{max}} characters: one resource per line, each string at most 1 MiB',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof reasonTexts;
export const reasonCodes = Object.keys(reasonTexts) as ReasonCode[];
export type ReasonParams = Record<string, string | number>;

/** A reason in plain English with its code and parameters. */
export interface CodedReason {
  reason: string;
  code: ReasonCode;
  params?: ReasonParams;
}

/** The reason of a code, its English text filled in with the parameters. */
export function coded(code: ReasonCode, params?: ReasonParams): CodedReason {
  const reason = (reasonTexts[code] as string).replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    params && name in params ? String(params[name]) : whole,
  );
  return params === undefined ? { reason, code } : { reason, code, params };
}

/** The code and parameters of a reason, to spread into an issue (`{ line, field, ...codeOf(r) }`). */
export function codeOf(reason: CodedReason): { code: ReasonCode; params?: ReasonParams } {
  return reason.params === undefined ? { code: reason.code } : { code: reason.code, params: reason.params };
}

/** Each code's English text as a pattern whose groups take its parameters, the most literal text first. */
const reasonPatterns = reasonCodes
  .map((code) => {
    const text: string = reasonTexts[code];
    const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    const literal = text.split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return {
      code,
      names,
      pattern: new RegExp(`^${literal.join('(.+?)')}$`),
      weight: literal.join('').length,
    };
  })
  .sort((a, b) => b.weight - a.weight);

/**
 * The code and parameters of an English reason written without them (a refusal whose code is not passed on
 * yet, or an import reported before reasons had codes), so that the imports page still translates it; the
 * most literal matching text wins ('must be a number' is `number`, not `pattern` with a hint). Undefined when
 * no code's text matches.
 */
export function codedReasonOf(reason: string): CodedReason | undefined {
  for (const { code, names, pattern } of reasonPatterns) {
    const match = pattern.exec(reason);
    if (!match) continue;
    if (names.length === 0) return { reason, code };
    return { reason, code, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}
