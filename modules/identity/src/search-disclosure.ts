/**
 * Searching by a masked field is reading it: whoever may look a person up by an ID number, or page through
 * people sorted by birth date, learns the value the response masks (a hit confirms the guess; a substring
 * search on names recovers a name character by character). So a query parameter, or a sort key, that matches
 * a sensitive field is allowed only to a caller who sees that field in clear — the same `disclosed` set that
 * masking uses.
 */
import { AppError, refusalIssue, type FieldIssue, type SensitiveField } from '@shuzhi/core';

/** Which query parameters and sort keys of a route match a sensitive field. */
export interface FieldSearches {
  /** Query parameter → the sensitive fields it matches (`identifier` → identifiers). */
  params?: Readonly<Record<string, readonly SensitiveField[]>>;
  /** Value of `sort` → the sensitive field it orders by (`birthDate` → birth_date). */
  sortKeys?: Readonly<Record<string, SensitiveField>>;
}

/**
 * What a REST list route's parameters match unless it declares its own: the parameter names the API uses for
 * sensitive fields everywhere. Free text (`q`) matches what the route searches, so it is declared per dataset.
 * FHIR search has its own grammar (`identifier=system|value`, `name:contains`) and is guarded by the FHIR
 * module.
 */
export const defaultFieldSearches: FieldSearches = {
  params: {
    identifier: ['identifiers'],
    phone: ['phone'],
    name: ['name'],
    birthDate: ['birth_date'],
    address: ['address'],
  },
  sortKeys: { name: 'name', birthDate: 'birth_date', phone: 'phone', address: 'address' },
};

/** What free text (`q`) matches among sensitive fields, per shared dataset (persons: names and ids). */
const freeTextByDataset: Readonly<Record<string, readonly SensitiveField[]>> = { persons: ['name'] };

/** The searches a route's declaration and dataset add up to. */
export function fieldSearchesOf(
  declared: FieldSearches | undefined,
  dataset: string | undefined,
): FieldSearches {
  const freeText = dataset ? freeTextByDataset[dataset] : undefined;
  return {
    params: {
      ...defaultFieldSearches.params,
      ...(freeText ? { q: freeText } : {}),
      ...declared?.params,
    },
    sortKeys: { ...defaultFieldSearches.sortKeys, ...declared?.sortKeys },
  };
}

/**
 * The names of the query parameters a request sent (as sent, not with the defaults validation fills in),
 * never their values: they may be ID numbers or names.
 */
export function queryParamNames(url: string): string[] {
  const names = new Set<string>();
  for (const [name, value] of new URL(url, 'http://localhost').searchParams)
    if (value !== '') names.add(name);
  return [...names].sort();
}

/**
 * Throws `forbidden` naming the parameter and the field when a request searches or sorts by a field the
 * caller sees masked.
 */
export function assertSearchDisclosed(
  url: string,
  searches: FieldSearches,
  disclosed: ReadonlySet<SensitiveField>,
): void {
  const query = new URL(url, 'http://localhost').searchParams;
  for (const name of queryParamNames(url)) {
    const hidden = (searches.params?.[name] ?? []).filter((f) => !disclosed.has(f));
    if (hidden.length > 0)
      throw searchRefused(name, refusalIssue('search-masked', { param: name, field: hidden[0]! }));
  }
  for (const sort of query.getAll('sort')) {
    const field = searches.sortKeys?.[sort];
    if (field && !disclosed.has(field))
      throw searchRefused('sort', refusalIssue('sort-masked', { sort, field }));
  }
}

/** The message is the coded reason alone, so the server and the web give it in the reader's language. */
function searchRefused(param: string, issue: FieldIssue): AppError {
  return new AppError('forbidden', issue.reason, { issues: [{ field: param, ...issue }] });
}
