/**
 * Import kinds for presence — `checkins`, `trips`, `stays`, `gate-access`, `households` — through the hub's
 * CSV templates (header check, typed columns, line-numbered errors, downloadable templates) and the one
 * import path: `shuzhi import KIND FILE`, the web upload and `POST /api/v1/imports?kind=…`.
 */
import {
  csvTemplate,
  CsvTemplateConverter,
  exampleCsv,
  type CsvTemplate,
  type ImportHandler,
  type ImportIssue,
} from '@shuzhi/hub';
import { presenceInputOf, type PresenceInputs, type PresenceKind } from './presence-records.js';
import type { PresenceWriter } from './presence-writer.js';

interface ParsedCsv<R> {
  records: R[];
  issues: ImportIssue[];
  total: number;
}

/** Parses a CSV text through a template, converting each good row with `convert`. */
export function parseWithTemplate<T extends CsvTemplate, R>(
  template: T,
  text: string,
  options: { defaultDwellMinutes: number },
  convert: (
    line: number,
    record: Extract<ReturnType<T['toRecords']>, readonly unknown[]>[number],
  ) => R | null,
): ParsedCsv<R> {
  const converter = new CsvTemplateConverter(template, { sourceId: 'import', ...options });
  const first = converter.push(text);
  const last = converter.end();
  // Each with its reason's code and parameters, so the imports page shows it in the reader's language.
  const issues: ImportIssue[] = [...first.errors, ...last.errors].map((e) => ({
    line: e.line,
    ...(e.column ? { field: e.column } : {}),
    reason: e.reason,
    ...(e.code ? { code: e.code } : {}),
    ...(e.params ? { params: e.params } : {}),
  }));
  const records: R[] = [];
  const lines = new Set<number>();
  for (const row of [...first.rows, ...last.rows]) {
    lines.add(row.line);
    for (const record of row.records) {
      const converted = convert(
        row.line,
        record as Extract<ReturnType<T['toRecords']>, readonly unknown[]>[number],
      );
      if (converted !== null) records.push(converted);
    }
  }
  for (const issue of issues) lines.add(issue.line);
  // A header error stops the conversion: count the data lines the text holds instead.
  const headerFailed = issues.some((i) => i.line === 1);
  const total = headerFailed
    ? Math.max(0, text.split('\n').filter((l) => l.trim() !== '').length - 1)
    : lines.size;
  return { records, issues, total };
}

/** The downloadable template of a CSV kind, in the shape the imports page shows. */
export function templateOf(template: CsvTemplate, kind: string): NonNullable<ImportHandler['template']> {
  return {
    fileName: `${kind}.csv`,
    contentType: 'text/csv',
    example: exampleCsv(template),
    columns: template.columns.map((c) => ({
      name: c.name,
      required: c.required,
      en: c.description.en,
      zh: c.description['zh-CN'],
    })),
  };
}

export function presenceImportHandler<K extends PresenceKind>(
  kind: K,
  writer: PresenceWriter,
  afterCommit: () => Promise<void>,
): ImportHandler<PresenceInputs[K]> {
  const template = csvTemplate(kind);
  if (!template) throw new Error(`the hub has no CSV template ${kind}`);
  return {
    kind,
    description: `${template.title.en}: ${template.description.en}`,
    descriptionZh: `${template.title['zh-CN']}：${template.description['zh-CN']}`,
    template: templateOf(template, kind),
    parse: (text, options) =>
      parseWithTemplate(template, text, options, (line, r) => presenceInputOf(kind, line, r)),
    async apply(executor, records, context) {
      const stored = await writer.store(executor, kind, records, context.progress);
      return { accepted: stored.inserted, unchanged: stored.unchanged, issues: stored.issues };
    },
    afterCommit,
  };
}
