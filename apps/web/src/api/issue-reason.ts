/**
 * A refused field's reason in the reader's language: the server gives each coded reason's Chinese beside its
 * English (`reasonZh`, e.g. every field a form's schema refused), so a Chinese reader reads that one.
 */
import type { ProblemIssue } from './client';

export function issueReason(
  issue: Pick<ProblemIssue, 'reason' | 'reasonZh'>,
  language: string | undefined,
): string {
  return language?.startsWith('zh') && issue.reasonZh !== undefined ? issue.reasonZh : issue.reason;
}

/**
 * A refusal's issues in one line in the reader's language (`field: reason; …`, each field named by `label`,
 * e.g. the form's label of it), for a form that shows the whole answer beside its fields' own messages; the
 * error's message when it names no issue.
 */
export function issuesSummary(
  error: { message: string; issues: readonly ProblemIssue[] },
  language: string | undefined,
  label: (field: string) => string = (field) => field,
): string {
  if (error.issues.length === 0) return error.message;
  return error.issues
    .map((i) => (i.field ? `${label(i.field)}: ${issueReason(i, language)}` : issueReason(i, language)))
    .join(language?.startsWith('zh') ? '；' : '; ');
}
