/** The line above an import's warnings (the imports page): how many there are, and how many are listed. */

/**
 * How many records were imported with a warning (a resident ID kept though its check digit fails) and, when
 * the job's stored report kept only the first of them, how many are listed below.
 */
export function warningsNote(
  job: { warnings: readonly unknown[]; warningCount: number },
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (job.warningCount <= job.warnings.length)
    return t('imports.warningsNotice', { count: job.warningCount });
  return t('imports.warningsNoticeFirst', { count: job.warningCount, shown: job.warnings.length });
}
