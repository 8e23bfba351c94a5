/**
 * The `indicators` import kind (`shuzhi import indicators FILE`, the web upload): `area,indicator,date,count`
 * through the hub's CSV template, then the checks only surveillance can make — the area is the city, a
 * district or a street of the city, the indicator is one that is counted, no (area, indicator, date) twice,
 * and no figures for nested areas (a street and its district) for the same indicator and day, which would
 * be counted twice above them; a city total may accompany its districts, as the simulator writes them.
 * Every problem names its line and column. Re-importing a figure replaces it.
 */
import {
  csvTemplate,
  CsvTemplateConverter,
  exampleCsv,
  importIssue,
  type ImportHandler,
  type ImportIssue,
  type IndicatorRecord,
} from '@shuzhi/hub';
import { isWithin } from '@shuzhi/geo';
import { importedContribution } from './contributions.js';
import { countIndicators, isCountIndicator, type CountIndicator } from './indicator-catalogue.js';
import { seriesLevelOf, type SeriesLevel } from './indicator-areas.js';
import { mergeChangedSeries, type ChangedSeries, type IndicatorsService } from './indicators.service.js';

export interface IndicatorImportRow {
  line: number;
  area: string;
  level: SeriesLevel;
  indicator: CountIndicator;
  date: string;
  count: number;
}

/** Rows applied per statement batch, so progress moves on large files. */
const CHUNK = 2000;

export function parseIndicatorsCsv(text: string): {
  records: IndicatorImportRow[];
  issues: ImportIssue[];
  total: number;
} {
  const template = csvTemplate('indicators');
  if (!template) throw new Error('the hub has no indicators template');
  const converter = new CsvTemplateConverter(template, { sourceId: 'import' });
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
  const records: IndicatorImportRow[] = [];
  const seen = new Map<string, number>();
  const stated = new Map<string, { area: string; line: number }[]>();
  for (const row of [...first.rows, ...last.rows]) {
    const record = row.records[0] as IndicatorRecord | undefined;
    if (!record) continue;
    const level = seriesLevelOf(record.area);
    if (!level) {
      issues.push(importIssue({ line: row.line, field: 'area' }, 'indicator-area', { area: record.area }));
      continue;
    }
    if (!isCountIndicator(record.indicator)) {
      issues.push(
        importIssue({ line: row.line, field: 'indicator' }, 'indicator-unknown', {
          values: countIndicators.join(', '),
        }),
      );
      continue;
    }
    const key = `${record.area}|${record.indicator}|${record.date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push(importIssue({ line: row.line, field: 'date' }, 'indicator-repeated', { line: earlier }));
      continue;
    }
    const day = `${record.indicator}|${record.date}`;
    const others = stated.get(day) ?? [];
    const nested = level === 'city' ? undefined : others.find((o) => nests(o.area, record.area));
    if (nested) {
      issues.push(
        importIssue({ line: row.line, field: 'area' }, 'indicator-nested', {
          line: nested.line,
          area: nested.area,
        }),
      );
      continue;
    }
    seen.set(key, row.line);
    stated.set(day, [...others, { area: record.area, line: row.line }]);
    records.push({
      line: row.line,
      area: record.area,
      level,
      indicator: record.indicator,
      date: record.date,
      count: record.count,
    });
  }
  const lines = new Set([...first.rows, ...last.rows].map((r) => r.line));
  for (const issue of issues) lines.add(issue.line);
  const headerFailed = issues.some((i) => i.line === 1);
  const total = headerFailed
    ? Math.max(0, text.split('\n').filter((l) => l.trim() !== '').length - 1)
    : lines.size;
  return { records, issues, total };
}

/** One of the areas lies within the other, neither being the city. */
function nests(a: string, b: string): boolean {
  if (seriesLevelOf(a) === 'city') return false;
  return a !== b && (isWithin(a, b) || isWithin(b, a));
}

export function indicatorsImportHandler(indicators: IndicatorsService): ImportHandler<IndicatorImportRow> {
  const template = csvTemplate('indicators')!;
  const changed = new Map<string, ChangedSeries>();
  return {
    kind: 'indicators',
    description: `${template.title.en}: ${template.description.en}`,
    descriptionZh: `${template.title['zh-CN']}：${template.description['zh-CN']}`,
    template: {
      fileName: 'indicators.csv',
      contentType: 'text/csv',
      example: exampleCsv(template),
      columns: template.columns.map((c) => ({
        name: c.name,
        required: c.required,
        en: c.description.en,
        zh: c.description['zh-CN'],
      })),
    },
    parse: (text) => parseIndicatorsCsv(text),
    async apply(executor, records, context) {
      let accepted = 0;
      let unchanged = 0;
      for (let i = 0; i < records.length; i += CHUNK) {
        const part = records.slice(i, i + CHUNK);
        const report = await indicators.applyWithin(executor, part.map(importedContribution));
        accepted += report.changed;
        unchanged += report.unchanged;
        mergeChangedSeries(changed, report.series);
        context.progress(Math.min(records.length, i + CHUNK), records.length);
      }
      return { accepted, unchanged };
    },
    afterCommit() {
      const series = [...changed.values()];
      changed.clear();
      indicators.notifyChanged(series);
    },
  };
}
