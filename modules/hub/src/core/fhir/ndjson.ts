/**
 * Newline-delimited JSON (one resource per line, the FHIR Bulk Data format) read in chunks of any size:
 * each line becomes a value or a parse error, with its 1-based line number; blank lines are skipped.
 */

export type NdjsonItem = { line: number; value: unknown } | { line: number; error: string };

export class NdjsonReader {
  private pending = '';
  private line = 0;
  private started = false;

  push(chunk: string): NdjsonItem[] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const items: NdjsonItem[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
      this.readLine(text.slice(from, newline), items);
      from = newline + 1;
    }
    this.pending = text.slice(from);
    return items;
  }

  end(): NdjsonItem[] {
    const items: NdjsonItem[] = [];
    if (this.pending.length > 0) this.readLine(this.pending, items);
    this.pending = '';
    return items;
  }

  private readLine(raw: string, items: NdjsonItem[]): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim().length === 0) return;
    try {
      items.push({ line: this.line, value: JSON.parse(text) as unknown });
    } catch (error) {
      items.push({ line: this.line, error: `not valid JSON: ${(error as Error).message}` });
    }
  }
}

export function parseNdjson(text: string): NdjsonItem[] {
  const reader = new NdjsonReader();
  return [...reader.push(text), ...reader.end()];
}
