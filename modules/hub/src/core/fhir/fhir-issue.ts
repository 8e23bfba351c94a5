/**
 * One validation or processing problem, shaped like an OperationOutcome.issue (FHIR R4 operationoutcome.html):
 * severity, issue type code, a FHIRPath-like expression naming the element, and diagnostics in plain words.
 */
import type { CodedReason, ReasonCode, ReasonParams } from '../reasons.js';

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** FHIR R4 IssueType codes (valueset-issue-type). */
export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'unknown'
  | 'expired'
  | 'forbidden'
  | 'suppressed'
  | 'processing'
  | 'not-supported'
  | 'duplicate'
  | 'multiple-matches'
  | 'not-found'
  | 'deleted'
  | 'too-long'
  | 'code-invalid'
  | 'extension'
  | 'too-costly'
  | 'business-rule'
  | 'conflict'
  | 'transient'
  | 'lock-error'
  | 'no-store'
  | 'exception'
  | 'timeout'
  | 'incomplete'
  | 'throttled'
  | 'informational';

export interface FhirIssue {
  severity: IssueSeverity;
  code: IssueType;
  /** E.g. `Observation.code.coding[0].system`, or `Bundle.entry[3].resource.subject`. */
  expression: string;
  diagnostics: string;
  /** The stable code and parameters of the diagnostics (reasons.ts), for a translated report. */
  reasonCode?: ReasonCode;
  reasonParams?: ReasonParams;
}

/**
 * The diagnostics of an issue with its reason's code and parameters: every issue the validators and the FHIR
 * service build is made from a coded reason, and its outcome gives a reader's Chinese by the code.
 */
export function diagnosticsOf(
  reason: CodedReason,
): Pick<FhirIssue, 'diagnostics' | 'reasonCode' | 'reasonParams'> {
  return {
    diagnostics: reason.reason,
    reasonCode: reason.code,
    ...(reason.params === undefined ? {} : { reasonParams: reason.params }),
  };
}

/** An error issue of a coded reason. */
export function errorIssue(code: IssueType, expression: string, reason: CodedReason): FhirIssue {
  return { severity: 'error', code, expression, ...diagnosticsOf(reason) };
}

export function hasErrors(issues: readonly FhirIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error' || issue.severity === 'fatal');
}

/** Re-roots issues of a resource found inside a Bundle entry: `Observation.code` → `Bundle.entry[3].resource.code`. */
export function issuesInEntry(issues: readonly FhirIssue[], entryIndex: number): FhirIssue[] {
  const root = `Bundle.entry[${entryIndex}]`;
  return issues.map((issue) => {
    const dot = issue.expression.indexOf('.');
    const bracket = issue.expression.indexOf('[');
    const firstStep = Math.min(dot < 0 ? Infinity : dot, bracket < 0 ? Infinity : bracket);
    const rest = firstStep === Infinity ? '' : issue.expression.slice(firstStep);
    const resourceRooted = /^[A-Z]/.test(issue.expression) && !issue.expression.startsWith('Bundle');
    return { ...issue, expression: resourceRooted ? `${root}.resource${rest}` : issue.expression };
  });
}
