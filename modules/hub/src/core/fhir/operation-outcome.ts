/**
 * OperationOutcome resources (FHIR R4 operationoutcome.html): one issue per problem with severity, type,
 * diagnostics and the FHIRPath expression of the element; also the outcome of any AppError, so that FHIR
 * routes answer every failure the FHIR way.
 */
import { AppError, type ErrorCode, type FieldIssue } from '@shuzhi/core';
import {
  reasonTextIn,
  reasonTexts,
  reasonZhOf,
  type CodedReason,
  type ReasonCode,
  type ReasonParams,
} from '../reasons.js';
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

/**
 * The reason code and parameters of each outcome issue built here, kept beside the outcome rather than in it:
 * an R4 OperationOutcome has no element for them (an unknown one would make the answer invalid FHIR), and
 * `localizedOutcome` gives a reader's Chinese by them. `record` is the entry an error's issue names.
 */
const issueReasons = new WeakMap<OperationOutcomeIssue, IssueReason>();

interface IssueReason {
  code: ReasonCode;
  params?: ReasonParams;
  record?: string | number;
}

/** The reason code and parameters an outcome issue was built with; undefined for one built from text alone. */
export function reasonOfIssue(issue: OperationOutcomeIssue): Omit<CodedReason, 'reason'> | undefined {
  const reason = issueReasons.get(issue);
  if (!reason) return undefined;
  return reason.params === undefined ? { code: reason.code } : { code: reason.code, params: reason.params };
}

function withReason(issue: OperationOutcomeIssue, reason: IssueReason | undefined): OperationOutcomeIssue {
  if (reason) issueReasons.set(issue, reason);
  return issue;
}

/** An OperationOutcome listing the issues (an `informational` issue when there are none). */
export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  if (issues.length === 0)
    return {
      resourceType: 'OperationOutcome',
      issue: [
        withReason(
          { severity: 'information', code: 'informational', diagnostics: reasonTexts['all-ok'] },
          { code: 'all-ok' },
        ),
      ],
    };
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) =>
      withReason(
        {
          severity: issue.severity,
          code: issue.code,
          diagnostics: issue.diagnostics,
          ...(issue.expression ? { expression: [issue.expression] } : {}),
        },
        issue.reasonCode === undefined
          ? undefined
          : {
              code: issue.reasonCode,
              ...(issue.reasonParams === undefined ? {} : { params: issue.reasonParams }),
            },
      ),
    ),
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
  const issues: FieldIssue[] = error.issues.length > 0 ? error.issues : [{ reason: error.message }];
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) =>
      withReason(
        {
          severity: 'error',
          code,
          diagnostics: issue.record !== undefined ? `entry ${issue.record}: ${issue.reason}` : issue.reason,
          ...(issue.field ? { expression: [issue.field] } : {}),
        },
        isReasonCode(issue.code)
          ? {
              code: issue.code,
              ...(issue.params === undefined ? {} : { params: issue.params }),
              ...(issue.record === undefined ? {} : { record: issue.record }),
            }
          : undefined,
      ),
    ),
  };
}

const isReasonCode = (code: string | undefined): code is ReasonCode =>
  code !== undefined && Object.hasOwn(reasonTexts, code);

/** An AppError carrying FHIR issues, for code that throws (the FHIR route turns it back into an outcome). */
export function fhirInvalidInput(message: string, issues: readonly FhirIssue[]): AppError {
  return new AppError('invalid_input', message, {
    issues: issues
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => ({
        field: issue.expression,
        reason: issue.diagnostics,
        ...(issue.reasonCode === undefined ? {} : { code: issue.reasonCode }),
        ...(issue.reasonParams === undefined ? {} : { params: issue.reasonParams }),
      })),
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
 * An outcome for a client that asked for Chinese (`Accept-Language: zh-CN`): each issue gets the Chinese of
 * the reason code it was built with (`operationOutcome`, `operationOutcomeOfError`) as `details.text`;
 * `diagnostics` stays English, as FHIR readers and logs expect. An issue naming its entry (`entry 3: …`) keeps
 * the entry in the Chinese too.
 */
export function localizedOutcome(
  outcome: OperationOutcome,
  acceptLanguage: string | undefined,
): OperationOutcome {
  if (!prefersChinese(acceptLanguage)) return outcome;
  return {
    ...outcome,
    issue: outcome.issue.map((issue) => {
      const reason = issueReasons.get(issue);
      const text = reason ? chineseByCode(reason) : chineseByText(issue.diagnostics);
      return text === undefined ? issue : withReason({ ...issue, details: { text } }, reason);
    }),
  };
}

function chineseByCode(reason: IssueReason): string {
  const zh = reasonTextIn('zh-CN', reason.code, reason.params);
  return reason.record === undefined ? zh : `条目 ${reason.record}：${zh}`;
}

/**
 * The fallback for an issue that carries no code: one built from English stored before reasons had codes (an
 * import job's stored issues shown by `$import?wait`, a webhook's stored pause reason) or from a message no
 * code describes. Its English is matched against the reason table (`codedReasonOf`); none matches, none given.
 */
function chineseByText(diagnostics: string | undefined): string | undefined {
  if (diagnostics === undefined) return undefined;
  const entry = /^entry ([^:]+): (.*)$/s.exec(diagnostics);
  const reason = entry ? entry[2]! : diagnostics;
  const zh = reasonZhOf({ reason });
  if (zh === undefined) return undefined;
  return entry ? `条目 ${entry[1]}：${zh}` : zh;
}
