/**
 * An import's refused line with its reason's stable code and parameters (core/reasons.ts) beside the English
 * reason, so the imports page can show the reason in the reader's language.
 */
import type { ReasonCode, ReasonParams } from '../core/index.js';
import type { ImportIssue } from '../imports/import-handler.js';

export type CodedImportIssue = ImportIssue & { code?: ReasonCode; params?: ReasonParams };

export interface IssueProblem {
  field?: string | undefined;
  reason: string;
  code?: ReasonCode | undefined;
  params?: ReasonParams | undefined;
}

export function importIssue(line: number, problem: IssueProblem): CodedImportIssue {
  return {
    line,
    ...(problem.field ? { field: problem.field } : {}),
    reason: problem.reason,
    ...(problem.code ? { code: problem.code } : {}),
    ...(problem.params ? { params: problem.params } : {}),
  };
}
