/**
 * Zod's issues as coded field issues: each refusal of a schema (a service's own parse, or a route's body,
 * query or params) names its field, keeps Zod's or the schema's English, and carries the code and parameters
 * of its reason, so that the API gives `reasonZh` and the web shows it to a Chinese reader (DESIGN: validation
 * messages in both languages, naming the field).
 */
import { AppError, type FieldIssue } from './errors.js';
import { schemaMessageCodeOf, type ValidationParams, type ZodReasonCode } from './validation-reasons.js';

/**
 * An issue as Zod gives it (`safeParse(...).error.issues`), or as fastify-type-provider-zod passes it on to
 * the error handler (its `keyword` is Zod's code, the other details in its `params`): a code, a path, the
 * English message and the check's details (`minimum`, `maximum`, `origin`, `format`, `values`, `expected`).
 */
export interface ZodIssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

type Coded = { code: ZodReasonCode; params?: ValidationParams };

const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;

/** The reason code and parameters of one Zod issue, by what the check found (see the file's summary). */
export function zodReasonOf(issue: ZodIssueLike): Coded {
  // A message the schema gave with a code of its own (schemaMessage) outranks the kind of check.
  const own = schemaMessageCodeOf(issue.message);
  if (own) return own;
  const detail: Readonly<Record<string, unknown>> = { ...issue };
  switch (issue.code ?? '') {
    case 'invalid_type':
      return typeReason(detail['expected'], issue.message);
    case 'too_small':
      return sizeReason('min', detail);
    case 'too_big':
      return sizeReason('max', detail);
    case 'invalid_format':
      return formatReason(detail);
    case 'invalid_value': {
      const values = Array.isArray(detail['values']) ? detail['values'].map(String) : [];
      return { code: 'one-of', params: { values: values.join(', ') } };
    }
    case 'not_multiple_of':
      return { code: 'multiple-of', params: { divisor: numberOf(detail['divisor']) ?? '?' } };
    case 'unrecognized_keys': {
      const keys = Array.isArray(detail['keys']) ? detail['keys'].map(String) : [];
      return { code: 'unknown-fields', params: { keys: keys.join(', ') } };
    }
    default:
      // A union none of whose options matched, a bad key or element of a map, or a refinement with a
      // message no code was given for: the field is named, the reason generic.
      return { code: 'invalid' };
  }
}

function typeReason(expected: unknown, message: string): Coded {
  // Zod sends no input back: a missing field is the one whose value was undefined ("received undefined").
  if (expected === 'nonoptional' || / received undefined$/.test(message)) return { code: 'required' };
  switch (expected) {
    case 'string':
      return { code: 'json-string' };
    case 'number':
    case 'nan':
      return { code: 'number' };
    case 'int':
      return { code: 'whole-number' };
    case 'boolean':
      return { code: 'boolean' };
    case 'array':
    case 'tuple':
    case 'set':
      return { code: 'type-array' };
    case 'object':
    case 'record':
    case 'map':
      return { code: 'type-object' };
    default:
      return { code: 'wrong-type', params: { expected: String(expected) } };
  }
}

function sizeReason(bound: 'min' | 'max', detail: Readonly<Record<string, unknown>>): Coded {
  const limit = numberOf(bound === 'min' ? detail['minimum'] : detail['maximum']) ?? 0;
  const inclusive = detail['inclusive'] !== false;
  switch (detail['origin']) {
    case 'string':
      if (detail['exact'] === true) return { code: 'exact-length', params: { length: limit } };
      if (bound === 'min')
        return limit <= 1 ? { code: 'required' } : { code: 'too-short', params: { min: limit } };
      return { code: 'too-long', params: { max: limit } };
    case 'array':
    case 'set':
    case 'file':
      return bound === 'min'
        ? { code: 'too-few', params: { min: limit } }
        : { code: 'too-many', params: { max: limit } };
    default: {
      // Numbers, big integers and dates: an inclusive bound is "at least", an exclusive one "greater than".
      const date = detail['origin'] === 'date';
      const value = date ? new Date(limit).toISOString() : limit;
      if (bound === 'min')
        return inclusive
          ? { code: 'at-least', params: { min: value } }
          : { code: 'greater-than', params: { min: value } };
      return inclusive
        ? { code: 'at-most', params: { max: value } }
        : { code: 'less-than', params: { max: value } };
    }
  }
}

function formatReason(detail: Readonly<Record<string, unknown>>): Coded {
  const format = String(detail['format']);
  switch (format) {
    case 'datetime':
      return { code: 'iso-date-time' };
    case 'date':
      return { code: 'calendar-date' };
    case 'time':
      return { code: 'iso-time' };
    case 'regex':
    case 'starts_with':
    case 'ends_with':
    case 'includes':
      return { code: 'pattern-mismatch' };
    default:
      // email, url, uuid, ipv4 and the like: names a reader knows in either language.
      return { code: 'string-format', params: { format } };
  }
}

/** An issue's path as a field name: `datasets.1`, `sourceId`; empty for the record as a whole. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** A Zod issue as a field issue of a record, its English kept and its reason coded. */
export function fieldIssueOfZod(issue: ZodIssueLike, record?: string | number): FieldIssue {
  const { code, params } = zodReasonOf(issue);
  return {
    ...(record === undefined ? {} : { record }),
    field: fieldOfPath(issue.path),
    reason: issue.message,
    code,
    ...(params === undefined ? {} : { params }),
  };
}

/**
 * The invalid-input error of a record a schema refused: `subject: field: reason; …` as its message, one coded
 * issue per Zod issue (`record` names the record in each issue, e.g. the title or username sent).
 */
export function invalidInputOfZod(
  subject: string,
  issues: readonly ZodIssueLike[],
  record?: string | number,
): AppError {
  const fieldIssues = issues.map((issue) => fieldIssueOfZod(issue, record));
  return new AppError(
    'invalid_input',
    `${subject}: ${fieldIssues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
    { issues: fieldIssues },
  );
}
