/** The downloadable example file of a template: its header, a row of the columns' example values, and more rows. */
import type { CsvTemplate } from './csv-template.js';
import { formatCsv } from './csv-writer.js';

export function exampleCsv(template: CsvTemplate): string {
  return formatCsv([
    template.columns.map((c) => c.name),
    template.columns.map((c) => c.example),
    ...(template.moreExamples ?? []),
  ]);
}
