/**
 * One way to fail: every expected failure is an AppError carrying a code from one union.
 * The server maps the code to an HTTP status once (RFC 9457 problem+json, or a FHIR OperationOutcome).
 */

export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'content_too_large',
  'too_many_requests',
  'overloaded',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of one record, e.g. line 7 of a CSV, column `check_in`. */
export interface FieldIssue {
  /** Which record: a line number, a Bundle entry index, a resource id. */
  record?: string | number;
  /** Which field: a column name or a FHIRPath-like element path. */
  field?: string;
  /** Why it was rejected, in plain words. */
  reason: string;
  /**
   * The stable code of the reason, where it has one (the hub's reason table, modules/hub core/reasons.ts), and
   * its parameters: the API gives the reason in the reader's language by it, and the web translates by it.
   */
  code?: string;
  params?: Record<string, string | number>;
}

export interface AppErrorOptions {
  issues?: FieldIssue[];
  cause?: unknown;
  /** Seconds a client should wait before retrying (overloaded, too_many_requests). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** HTTP status for each error code; the only place this mapping exists. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  // RFC 9110 §15.5.14: the client should stop sending rather than fix the content.
  content_too_large: 413,
  too_many_requests: 429,
  overloaded: 503,
  unavailable: 503,
  internal: 500,
};

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** An invalid-input error for a single field of a single record. */
export function invalidField(record: string | number | undefined, field: string, reason: string): AppError {
  const where = record === undefined ? field : `record ${record}, field ${field}`;
  return new AppError('invalid_input', `${where}: ${reason}`, {
    issues: [{ ...(record === undefined ? {} : { record }), field, reason }],
  });
}

/**
 * "Not found or no access": never reveals whether a record the caller may not see exists. Given its coded issue
 * (refusal-reasons.ts: `source-not-found`, `user-not-found`, …) the message is that reason alone, so the API
 * and the CLI give it in the reader's language by its code; given only what was looked for, it is English.
 */
export function notFoundOrNoAccess(what: string | FieldIssue): AppError {
  if (typeof what !== 'string') return new AppError('not_found', what.reason, { issues: [what] });
  return new AppError('not_found', `${what} not found or no access`);
}
