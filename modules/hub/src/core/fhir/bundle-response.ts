/**
 * transaction-response and batch-response Bundles (FHIR R4 bundle.html, Bundle.entry.response): one entry
 * per submitted entry, in the submitted order, with status, location, ETag and last-modified time, or an
 * OperationOutcome for an entry that failed.
 */
import type { FhirIssue } from './fhir-issue.js';
import type { Json } from './fhir-reader.js';
import { operationOutcome, type OperationOutcome } from './operation-outcome.js';

export interface EntryOutcome {
  /** HTTP status of this entry: 200, 201, 204, 304, 400, 403, 404, 405, 409, 412, 422. */
  status: number;
  /** `Patient/123/_history/1` for a create or update. */
  location?: string;
  /** Version id; written as a weak ETag W/"version". */
  version?: string;
  /** UTC ISO 8601. */
  lastModified?: string;
  /** The resource returned (GET, or `Prefer: return=representation`). */
  resource?: Json;
  outcome?: OperationOutcome;
}

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export function statusLine(status: number): string {
  return `${status} ${reasons[status] ?? ''}`.trim();
}

/** The outcome of an entry that failed validation or processing. */
export function failedEntry(issues: readonly FhirIssue[], status = 400): EntryOutcome {
  return { status, outcome: operationOutcome(issues) };
}

function responseBundle(
  type: 'transaction-response' | 'batch-response',
  outcomes: readonly EntryOutcome[],
): Json {
  return {
    resourceType: 'Bundle',
    type,
    entry: outcomes.map((outcome) => ({
      ...(outcome.resource ? { resource: outcome.resource } : {}),
      response: {
        status: statusLine(outcome.status),
        ...(outcome.location ? { location: outcome.location } : {}),
        ...(outcome.version ? { etag: `W/"${outcome.version}"` } : {}),
        ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
        ...(outcome.outcome ? { outcome: outcome.outcome } : {}),
      },
    })),
  };
}

/** Outcomes in the order of the submitted entries. */
export function transactionResponse(outcomes: readonly EntryOutcome[]): Json {
  return responseBundle('transaction-response', outcomes);
}

export function batchResponse(outcomes: readonly EntryOutcome[]): Json {
  return responseBundle('batch-response', outcomes);
}
