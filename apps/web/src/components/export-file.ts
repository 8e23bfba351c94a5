/**
 * The pieces of a list export the browser needs: the export URL of a list with its current query, the file
 * name the server gave, and the reason of a refusal. Plain functions, tested without a browser.
 */

export type ExportFormat = 'csv' | 'xlsx';
export type ExportQuery = Record<string, string | number | boolean | null | undefined>;

/** The list's own URL and query (search, filters, sort, order) with the format; paging is the server's. */
export function exportUrl(path: string, query: ExportQuery, format: ExportFormat): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'limit' || key === 'offset') continue;
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  search.set('format', format);
  return `${path}?${search.toString()}`;
}

/** `attachment; filename="persons-2026-11-27.csv"` → `persons-2026-11-27.csv`; a fallback when absent. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? fallback;
}

/** A refusal's reason: the problem+json detail when the server sent one, else the status line. */
export function refusalReason(status: number, statusText: string, body: string): string {
  try {
    const problem = JSON.parse(body) as { detail?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
  } catch {
    // Not problem+json (a proxy's page): the status says enough.
  }
  return `${status} ${statusText}`.trim();
}
