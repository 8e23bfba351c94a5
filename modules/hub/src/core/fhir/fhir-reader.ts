/**
 * Reads FHIR R4 JSON elements by their datatype (R4 datatypes.html), recording an issue with the element's
 * path for anything missing, mistyped or malformed, and returning the value in normalised form.
 */
import type { Identifier } from '../identifiers/identifier-systems.js';
import type { Coding, SubjectReference } from '../records.js';
import { coded, type CodedReason } from '../reasons.js';
import { parsePartialDateTime } from '../time/partial-date-time.js';
import { diagnosticsOf, type FhirIssue, type IssueType } from './fhir-issue.js';

export type Json = Record<string, unknown>;

const codePattern = /^[^\s]+( [^\s]+)*$/;
const uriPattern = /^\S+$/;
const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;
const uuidUrn = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const relativeReference = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
/** R4 datatypes.html#string: "strings SHALL NOT exceed 1MB in size". */
const MAX_STRING_CHARS = 1024 * 1024;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class FhirReader {
  readonly issues: FhirIssue[] = [];

  constructor(private readonly zoneOffsetMinutes?: number) {}

  error(expression: string, code: IssueType, diagnostics: CodedReason): undefined {
    this.issues.push({ severity: 'error', code, expression, ...diagnosticsOf(diagnostics) });
    return undefined;
  }

  warning(expression: string, code: IssueType, diagnostics: CodedReason): void {
    this.issues.push({ severity: 'warning', code, expression, ...diagnosticsOf(diagnostics) });
  }

  required(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.error(path, 'required', coded('element-required', { element: lastStep(path) }));
      return false;
    }
    return true;
  }

  object(value: unknown, path: string): Json | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.error(path, 'structure', coded('json-object'));
    if (Object.keys(value).length === 0) return this.error(path, 'structure', coded('not-empty'));
    return value as Json;
  }

  /** A repeating element: absent is an empty list; it must be a non-empty JSON array when present. */
  array(value: unknown, path: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.error(path, 'structure', coded('json-array'));
      return [];
    }
    if (value.length === 0) this.error(path, 'structure', coded('not-empty-array'));
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.error(path, 'structure', coded('json-string'));
    if (value.length > MAX_STRING_CHARS)
      return this.error(path, 'too-long', coded('fhir-string-too-long', { max: MAX_STRING_CHARS }));
    if (value.trim().length === 0) return this.error(path, 'value', coded('not-blank'));
    return value;
  }

  code(value: unknown, path: string, allowed?: readonly string[]): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (!codePattern.test(text)) return this.error(path, 'value', coded('fhir-code-whitespace'));
    if (allowed && !allowed.includes(text))
      return this.error(path, 'code-invalid', coded('one-of', { values: allowed.join(', ') }));
    return text;
  }

  uri(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    return uriPattern.test(text) ? text : this.error(path, 'value', coded('fhir-uri-whitespace'));
  }

  id(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    return idPattern.test(text) ? text : this.error(path, 'value', coded('fhir-id'));
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.error(path, 'structure', coded('json-boolean'));
  }

  integer(value: unknown, path: string, min = -2_147_483_648): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value > 2_147_483_647) {
      return this.error(path, 'structure', coded('fhir-integer'));
    }
    return value >= min ? value : this.error(path, 'value', coded('at-least', { min }));
  }

  decimal(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'number' && Number.isFinite(value)
      ? value
      : this.error(path, 'structure', coded('json-number'));
  }

  /** A date or dateTime; a date-time becomes UTC ISO 8601, a partial date stays as written. */
  dateTime(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const parsed = parsePartialDateTime(
      text,
      this.zoneOffsetMinutes === undefined ? {} : { zoneOffsetMinutes: this.zoneOffsetMinutes },
    );
    if (!parsed) {
      return this.error(path, 'value', coded('fhir-date-time'));
    }
    return parsed.precision === 'time' ? new Date(parsed.range.start).toISOString() : text;
  }

  date(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const parsed = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(text) ? parsePartialDateTime(text) : null;
    return parsed ? text : this.error(path, 'value', coded('fhir-date'));
  }

  instant(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const parsed = instantPattern.test(text) ? parsePartialDateTime(text) : null;
    return parsed
      ? new Date(parsed.range.start).toISOString()
      : this.error(path, 'value', coded('fhir-instant'));
  }

  coding(value: unknown, path: string): Coding | undefined {
    const coding = this.object(value, path);
    if (!coding) return undefined;
    const system = this.uri(coding.system, `${path}.system`);
    const code = this.code(coding.code, `${path}.code`);
    const display = this.string(coding.display, `${path}.display`);
    if (system === undefined && coding.system === undefined)
      this.error(`${path}.system`, 'required', coded('coding-system-required'));
    if (code === undefined && coding.code === undefined)
      this.error(`${path}.code`, 'required', coded('element-required', { element: 'code' }));
    if (system === undefined || code === undefined) return undefined;
    return display === undefined ? { system, code } : { system, code, display };
  }

  codeableConcept(value: unknown, path: string): { codings: Coding[]; text?: string } | undefined {
    const concept = this.object(value, path);
    if (!concept) return undefined;
    const codings = this.array(concept.coding, `${path}.coding`).flatMap(
      (c, k) => this.coding(c, `${path}.coding[${k}]`) ?? [],
    );
    const text = this.string(concept.text, `${path}.text`);
    return text === undefined ? { codings } : { codings, text };
  }

  identifier(value: unknown, path: string): Identifier | undefined {
    const identifier = this.object(value, path);
    if (!identifier) return undefined;
    const system = this.uri(identifier.system, `${path}.system`);
    const text = this.string(identifier.value, `${path}.value`);
    if (identifier.system === undefined)
      this.error(`${path}.system`, 'required', coded('identifier-system-required'));
    if (identifier.value === undefined)
      this.error(`${path}.value`, 'required', coded('element-required', { element: 'value' }));
    return system !== undefined && text !== undefined ? { system, value: text } : undefined;
  }

  /**
   * A reference to a resource of one of `types`: a relative `Type/id`, a `urn:uuid:` placeholder for an
   * entry of the same Bundle, or a logical reference by identifier.
   */
  reference(value: unknown, path: string, types: readonly string[]): SubjectReference | undefined {
    const reference = this.object(value, path);
    if (!reference) return undefined;
    if (reference.reference !== undefined) {
      const text = this.string(reference.reference, `${path}.reference`);
      if (text === undefined) return undefined;
      if (uuidUrn.test(text)) return { reference: text.toLowerCase() };
      const match = relativeReference.exec(text);
      if (!match) return this.error(`${path}.reference`, 'value', coded('reference-format'));
      if (!types.includes(match[1]!))
        return this.error(
          `${path}.reference`,
          'value',
          coded('reference-type', { types: types.join(' or ') }),
        );
      return { reference: `${match[1]}/${match[2]}` };
    }
    if (reference.identifier !== undefined) {
      const identifier = this.identifier(reference.identifier, `${path}.identifier`);
      return identifier ? { identifier } : undefined;
    }
    return this.error(path, 'required', coded('reference-missing'));
  }

  period(value: unknown, path: string): { start?: string; end?: string } | undefined {
    const period = this.object(value, path);
    if (!period) return undefined;
    const start = this.dateTime(period.start, `${path}.start`);
    const end = this.dateTime(period.end, `${path}.end`);
    if (start !== undefined && end !== undefined) {
      const startRange = parsePartialDateTime(start)?.range.start ?? 0;
      const endRange = parsePartialDateTime(end)?.range.end ?? Number.POSITIVE_INFINITY;
      if (endRange < startRange) this.error(`${path}.end`, 'invariant', coded('period-order'));
    }
    return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
  }

  /** Exactly one of a choice element's typed variants (`value[x]`): returns the present suffix, or none. */
  choice(resource: Json, base: string, suffixes: readonly string[], path: string): string | undefined {
    const present = Object.keys(resource).filter(
      (key) => key.startsWith(base) && key.length > base.length && /^[A-Z]/.test(key.slice(base.length)),
    );
    const known = present.filter((key) => suffixes.includes(key.slice(base.length)));
    for (const key of present) {
      if (!known.includes(key))
        this.error(
          `${path}.${key}`,
          'not-supported',
          coded('choice-variants', {
            element: `${base}[x]`,
            variants: suffixes.map((s) => base + s).join(', '),
          }),
        );
    }
    if (known.length > 1)
      return this.error(
        `${path}.${base}[x]`,
        'structure',
        coded('choice-one', { variants: known.join(', ') }),
      );
    return known[0]?.slice(base.length);
  }
}

function lastStep(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
