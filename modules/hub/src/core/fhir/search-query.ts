/**
 * Parses FHIR search parameters into a typed query: tokens (`system|code`, `code`, `|code`, `system|`),
 * references (`Patient/123`, `123`, `subject:Patient=123`, `subject:identifier=system|value`), dates with
 * prefixes (eq ne lt le gt ge sa eb; a partial date means the whole range it covers), and `_count`.
 * Commas within a parameter are alternatives (OR); repeated parameters must all hold (AND).
 */
import { coded, type CodedReason } from '../reasons.js';
import { parsePartialDateTime, type PartialDateOptions, type TimeRange } from '../time/partial-date-time.js';
import type { FhirIssue } from './fhir-issue.js';
import { searchParameters } from './search-parameters.js';
import { isSupportedResourceType, type SupportedResourceType } from './validate-resource.js';

/** `system` undefined: any system; null: no system (`|code`). `code` undefined: any code in the system. */
export interface TokenValue {
  system?: string | null;
  code?: string;
}

export type ReferenceValue = { resourceType: string; id: string } | { identifier: TokenValue };

export type DatePrefix = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'sa' | 'eb';

export interface DateFilter {
  prefix: DatePrefix;
  /** The value as written, without prefix. */
  value: string;
  /** The range the value covers, [start, end) in epoch ms. */
  range: TimeRange;
}

export interface SearchQuery {
  resourceType: SupportedResourceType;
  /** Each inner list is one parameter's alternatives (OR); the outer list is AND. */
  tokens: Record<string, TokenValue[][]>;
  references: Record<string, ReferenceValue[][]>;
  dates: Record<string, DateFilter[]>;
  /** Page size: default 50, at most 1000; 0 asks for the total only. */
  count: number;
}

export type SearchParse = { ok: true; query: SearchQuery } | { ok: false; issues: FhirIssue[] };

export const defaultPageSize = 50;
export const maxPageSize = 1000;
const prefixes: readonly DatePrefix[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'sa', 'eb'];

/**
 * Parses a query string or its parameter pairs for one resource type. Unknown parameters and modifiers are
 * errors (the FHIR `handling=strict` behaviour), so that a typo never silently widens a search.
 */
export function parseSearchQuery(
  resourceType: string,
  parameters: URLSearchParams | string | Iterable<[string, string]>,
  options: PartialDateOptions = {},
): SearchParse {
  const issues: FhirIssue[] = [];
  // Each refusal with its reason's code and parameters (core/reasons.ts), so a client reads it in its language.
  const fail = (expression: string, reason: CodedReason, code: FhirIssue['code'] = 'value') =>
    issues.push({
      severity: 'error',
      code,
      expression,
      diagnostics: reason.reason,
      reasonCode: reason.code,
      ...(reason.params ? { reasonParams: reason.params } : {}),
    });
  if (!isSupportedResourceType(resourceType)) {
    fail(resourceType, coded('search-type-unsupported', { type: resourceType }), 'not-supported');
    return { ok: false, issues };
  }
  const definitions = new Map(searchParameters[resourceType].map((d) => [d.name, d]));
  const query: SearchQuery = { resourceType, tokens: {}, references: {}, dates: {}, count: defaultPageSize };
  const pairs = typeof parameters === 'string' ? new URLSearchParams(parameters) : parameters;
  for (const [key, raw] of pairs) {
    const [name, modifier] = key.split(':', 2) as [string, string | undefined];
    if (name === '_count') {
      if (!/^\d+$/.test(raw)) fail('_count', coded('search-count'));
      else query.count = Math.min(Number(raw), maxPageSize);
      continue;
    }
    if (name === '_format' || name === '_pretty' || name === '_summary' || name === '_elements') continue;
    const definition = definitions.get(name);
    if (!definition) {
      const supported = [...definitions.keys(), '_count'].join(', ');
      fail(name, coded('search-parameter-unknown', { type: resourceType, supported }), 'not-supported');
      continue;
    }
    if (raw === '') {
      fail(key, coded('search-value-required'));
      continue;
    }
    if (definition.type === 'token') {
      if (modifier !== undefined) {
        fail(key, coded('search-modifier', { modifier }), 'not-supported');
        continue;
      }
      (query.tokens[name] ??= []).push(splitAlternatives(raw).map(parseToken));
    } else if (definition.type === 'reference') {
      const values: ReferenceValue[] = [];
      for (const text of splitAlternatives(raw)) {
        const parsed = parseReference(text, modifier, definition.target ?? []);
        if ('reason' in parsed) fail(key, parsed);
        else values.push(parsed);
      }
      if (values.length > 0) (query.references[name] ??= []).push(values);
    } else if (definition.type === 'date') {
      if (modifier !== undefined) {
        fail(key, coded('search-modifier', { modifier }), 'not-supported');
        continue;
      }
      const parsed = parseDateFilter(raw, options);
      if ('reason' in parsed) fail(key, parsed);
      else (query.dates[name] ??= []).push(parsed);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, query };
}

/** Splits on commas not escaped with a backslash (FHIR search.html §3.1.1.4.7 escaping). */
function splitAlternatives(raw: string): string[] {
  return raw.split(/(?<!\\),/).map((part) => part.replace(/\\([,|$\\])/g, '$1'));
}

function parseToken(text: string): TokenValue {
  const bar = text.search(/(?<!\\)\|/);
  if (bar < 0) return { code: text };
  const system = text.slice(0, bar);
  const code = text.slice(bar + 1);
  return { system: system === '' ? null : system, ...(code === '' ? {} : { code }) };
}

function parseReference(
  text: string,
  modifier: string | undefined,
  targets: readonly string[],
): ReferenceValue | CodedReason {
  if (modifier === 'identifier') return { identifier: parseToken(text) };
  if (modifier !== undefined && !targets.includes(modifier))
    return coded('search-reference-modifier', {
      modifier,
      modifiers: targets.map((t) => `:${t}`).join(', '),
    });
  const match = /^(?:([A-Z][A-Za-z]+)\/)?([A-Za-z0-9\-.]{1,64})$/.exec(text);
  if (!match) return coded('search-reference-format');
  const type = match[1] ?? modifier ?? targets[0];
  if (!type || !targets.includes(type)) return coded('reference-type', { types: targets.join(' or ') });
  return { resourceType: type, id: match[2]! };
}

/** A date search value with its prefix (default eq) and the range it covers, or why it is none. */
export function parseDateFilter(raw: string, options: PartialDateOptions = {}): DateFilter | CodedReason {
  const prefix = (prefixes as readonly string[]).includes(raw.slice(0, 2))
    ? (raw.slice(0, 2) as DatePrefix)
    : 'eq';
  // An unencoded `+` in a query string arrives as a space (application/x-www-form-urlencoded); read it back.
  const written = prefix === 'eq' && !raw.startsWith('eq') ? raw : raw.slice(2);
  const value = written.replace(/ (\d{2}:\d{2})$/, '+$1');
  const parsed = parsePartialDateTime(value, { ...options, lenientTime: true });
  if (!parsed) return coded('search-date', { value, prefixes: prefixes.join(', ') });
  return { prefix, value, range: parsed.range };
}

/**
 * Whether a resource whose date covers `target` matches the filter (FHIR R4 search.html, prefix table):
 * eq — the search range contains the target; ne — it does not; gt / lt — the range above / below the
 * search value overlaps the target; ge / le — gt / lt or eq; sa / eb — the target starts after / ends
 * before the search range.
 */
export function matchesDateFilter(filter: DateFilter, target: TimeRange): boolean {
  const { start, end } = filter.range;
  const contained = target.start >= start && target.end <= end;
  switch (filter.prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return !contained;
    case 'gt':
      return target.end > end;
    case 'lt':
      return target.start < start;
    case 'ge':
      return target.end > end || contained;
    case 'le':
      return target.start < start || contained;
    case 'sa':
      return target.start >= end;
    case 'eb':
      return target.end <= start;
  }
}

/**
 * For a stored instant t (a point): the bounds a filter puts on t, for a SQL WHERE clause —
 * `from <= t < to`, or outside [notFrom, notTo) for `ne`.
 */
export function instantBounds(
  filter: DateFilter,
): { from?: number; to?: number } | { notFrom: number; notTo: number } {
  const { start, end } = filter.range;
  switch (filter.prefix) {
    case 'eq':
      return { from: start, to: end };
    case 'ne':
      return { notFrom: start, notTo: end };
    case 'gt':
    case 'sa':
      return { from: end };
    case 'ge':
      return { from: start };
    case 'lt':
    case 'eb':
      return { to: start };
    case 'le':
      return { to: end };
  }
}
