/** Writes CSV records per RFC 4180 §2: fields holding a comma, quote or line break are quoted, quotes doubled. */

const needsQuotes = /[",\r\n]/;

export function formatCsvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map(formatCsvField).join(',');
}

/** A whole file: records joined by CRLF (RFC 4180 §2.1), ending with one. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${formatCsvRecord(fields)}\r\n`).join('');
}
