/**
 * OperationOutcome resources (FHIR R4 operationoutcome.html): one issue per problem with severity, type,
 * diagnostics and the FHIRPath expression of the element; also the outcome of any AppError, so that FHIR
 * routes answer every failure the FHIR way.
 */
import { AppError, type ErrorCode } from '@shuzhi/core';
import { reasonZhOf } from '../reasons.js';
import type { FhirIssue, IssueType } from './fhir-issue.js';

export interface OperationOutcomeIssue {
  severity: FhirIssue['severity'];
  code: IssueType;
  diagnostics?: string;
  /** The issue in the reader's language, when it asked for Chinese (`localizedOutcome`). */
  details?: { text: string };
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

/** An OperationOutcome listing the issues (an `informational` issue when there are none). */
export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  if (issues.length === 0)
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', diagnostics: 'All OK' }],
    };
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: issue.severity,
      code: issue.code,
      diagnostics: issue.diagnostics,
      ...(issue.expression ? { expression: [issue.expression] } : {}),
    })),
  };
}

/** The FHIR issue type of each error code (R4 valueset issue-type): the one table, the server's FHIR routes use it. */
const issueTypeOf: Record<ErrorCode, IssueType> = {
  invalid_input: 'invalid',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  not_found: 'not-found',
  conflict: 'conflict',
  gone: 'deleted',
  content_too_large: 'too-costly',
  too_many_requests: 'throttled',
  overloaded: 'transient',
  unavailable: 'transient',
  internal: 'exception',
};

/**
 * The OperationOutcome of an AppError, how every FHIR route answers a failure: one issue per field issue,
 * its record (a line, an entry, a resource) named in the diagnostics and its field as the expression; the
 * error's message when it names no issue.
 */
export function operationOutcomeOfError(error: AppError): OperationOutcome {
  const code = issueTypeOf[error.code];
  const issues = error.issues.length > 0 ? error.issues : [{ reason: error.message }];
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: 'error',
      code,
      diagnostics:
        'record' in issue && issue.record !== undefined
          ? `entry ${issue.record}: ${issue.reason}`
          : issue.reason,
      ...('field' in issue && issue.field ? { expression: [issue.field] } : {}),
    })),
  };
}

/** An AppError carrying FHIR issues, for code that throws (the FHIR route turns it back into an outcome). */
export function fhirInvalidInput(message: string, issues: readonly FhirIssue[]): AppError {
  return new AppError('invalid_input', message, {
    issues: issues
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => ({ field: issue.expression, reason: issue.diagnostics })),
  });
}

/**
 * Whether an `Accept-Language` header (RFC 9110 §12.5.4) prefers Chinese to English: its Chinese tag (`zh`,
 * `zh-CN`, `zh-Hans`…) ranks above any English one; a header naming neither keeps English.
 */
export function prefersChinese(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(
      (t) =>
        t.q > 0 && (t.tag === 'zh' || t.tag.startsWith('zh-') || t.tag === 'en' || t.tag.startsWith('en-')),
    )
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('zh') ?? false;
}

/**
 * An outcome for a client that asked for Chinese (`Accept-Language: zh-CN`): each issue whose diagnostics is
 * a coded reason (core/reasons.ts) gets its Chinese as `details.text`; `diagnostics` stays English, as FHIR
 * readers and logs expect. An issue naming its entry (`entry 3: …`) keeps the entry in the Chinese too.
 */
export function localizedOutcome(
  outcome: OperationOutcome,
  acceptLanguage: string | undefined,
): OperationOutcome {
  if (!prefersChinese(acceptLanguage)) return outcome;
  return {
    ...outcome,
    issue: outcome.issue.map((issue) => {
      const text = issue.diagnostics === undefined ? undefined : chineseOf(issue.diagnostics);
      return text === undefined ? issue : { ...issue, details: { text } };
    }),
  };
}

function chineseOf(diagnostics: string): string | undefined {
  const entry = /^entry ([^:]+): (.*)$/s.exec(diagnostics);
  const reason = entry ? entry[2]! : diagnostics;
  const zh = reasonZhOf({ reason });
  if (zh === undefined) return undefined;
  return entry ? `条目 ${entry[1]}：${zh}` : zh;
}
