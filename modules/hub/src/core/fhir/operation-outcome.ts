/**
 * OperationOutcome resources (FHIR R4 operationoutcome.html): one issue per problem with severity, type,
 * diagnostics and the FHIRPath expression of the element; also the outcome of any AppError, so that FHIR
 * routes answer every failure the FHIR way.
 */
import { AppError, type ErrorCode } from '@shuzhi/core';
import type { FhirIssue, IssueType } from './fhir-issue.js';

export interface OperationOutcomeIssue {
  severity: FhirIssue['severity'];
  code: IssueType;
  diagnostics?: string;
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

/** The OperationOutcome of an AppError: one issue per field issue (record and field as the expression). */
export function operationOutcomeOfError(error: AppError): OperationOutcome {
  const code = issueTypeOf[error.code];
  const severity = error.code === 'internal' ? 'fatal' : 'error';
  if (error.issues.length === 0)
    return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: error.message }] };
  return {
    resourceType: 'OperationOutcome',
    issue: error.issues.map((issue) => {
      const where = [
        issue.record === undefined
          ? ''
          : typeof issue.record === 'number'
            ? `Bundle.entry[${issue.record}]`
            : String(issue.record),
        issue.field ?? '',
      ]
        .filter((part) => part !== '')
        .join('.');
      return { severity, code, diagnostics: issue.reason, ...(where ? { expression: [where] } : {}) };
    }),
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
