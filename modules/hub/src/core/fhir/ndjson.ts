/**
 * Newline-delimited JSON (one resource per line, the FHIR Bulk Data format) read in chunks of any size:
 * each line becomes a value or a parse error, with its 1-based line number; blank lines are skipped.
 */
import { coded, type CodedReason, type ReasonCode, type ReasonParams } from '../reasons.js';

/** A line's resource, or why it is refused (the English reason, with its code and parameters). */
export type NdjsonItem =
  { line: number; value: unknown } | { line: number; error: string; code: ReasonCode; params?: ReasonParams };

/**
 * The longest line read (16 Mi characters): far above any one resource (a FHIR string holds at most 1 MiB),
 * and a bound on what is held in memory. A longer line — a file with no line breaks, a runaway value — is
 * reported as an error and skipped to its end, never accumulated up to V8's string limit.
 */
export const MAX_NDJSON_LINE_CHARS = 16 * 1024 * 1024;

export class NdjsonReader {
  private pending = '';
  private line = 0;
  private started = false;
  /** Inside a line found too long: its characters are dropped until its end. */
  private skipping = false;

  constructor(private readonly maxLineChars = MAX_NDJSON_LINE_CHARS) {}

  push(chunk: string): NdjsonItem[] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const items: NdjsonItem[] = [];
    let from = 0;
    if (this.skipping) {
      const newline = text.indexOf('\n');
      if (newline < 0) return items;
      this.skipping = false;
      this.refuseLongLine(items);
      from = newline + 1;
    }
    for (let newline = text.indexOf('\n', from); newline >= 0; newline = text.indexOf('\n', from)) {
      this.readLine(text.slice(from, newline), items);
      from = newline + 1;
    }
    this.pending = text.slice(from);
    if (this.pending.length > this.maxLineChars) {
      this.pending = '';
      this.skipping = true;
    }
    return items;
  }

  end(): NdjsonItem[] {
    const items: NdjsonItem[] = [];
    if (this.skipping) this.refuseLongLine(items);
    else if (this.pending.length > 0) this.readLine(this.pending, items);
    this.skipping = false;
    this.pending = '';
    return items;
  }

  private refuseLongLine(items: NdjsonItem[]): void {
    this.line++;
    items.push({ line: this.line, ...errorOf(coded('ndjson-line-too-long', { max: this.maxLineChars })) });
  }

  private readLine(raw: string, items: NdjsonItem[]): void {
    if (raw.length > this.maxLineChars) {
      this.refuseLongLine(items);
      return;
    }
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim().length === 0) return;
    try {
      items.push({ line: this.line, value: JSON.parse(text) as unknown });
    } catch (error) {
      items.push({ line: this.line, ...errorOf(coded('ndjson-json', { detail: (error as Error).message })) });
    }
  }
}

export function parseNdjson(text: string): NdjsonItem[] {
  const reader = new NdjsonReader();
  return [...reader.push(text), ...reader.end()];
}

function errorOf(reason: CodedReason): { error: string; code: ReasonCode; params?: ReasonParams } {
  return reason.params === undefined
    ? { error: reason.reason, code: reason.code }
    : { error: reason.reason, code: reason.code, params: reason.params };
}
