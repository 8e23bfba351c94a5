/**
 * Import files must be UTF-8. A file saved in another encoding (GBK or GB18030 from a Chinese office
 * suite, most often) would otherwise be decoded with U+FFFD in place of every name and address character
 * and stored as that garbage without a word; instead the file is refused, naming the first line at fault.
 */
import { isUtf8 } from 'node:buffer';
import { coded, type CodedReason } from '../core/reasons.js';

/** Why a line is refused: said once, the same for every path a file comes in by. */
export function notUtf8Reason(): CodedReason {
  return coded('not-utf8');
}

/**
 * A UTF-8 check over a file that arrives in pieces (a sequence may be cut between two pieces): the
 * well-formed byte sequences of the Unicode Standard, table 3-7 (no overlongs, surrogates or values above
 * U+10FFFF), counting lines so the first bad byte is reported with its line.
 */
export class Utf8Check {
  /** Continuation bytes still expected, and the range the next one must fall in. */
  private needed = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private line = 1;

  /** The 1-based line of the first byte that breaks UTF-8 in this piece, or null when it is all well-formed. */
  push(bytes: Buffer): number | null {
    // Fast path (native): the piece up to a sequence its end may cut is checked whole, its lines counted
    // natively; only that last sequence goes byte by byte. A gigabyte file costs well under a second.
    if (this.needed === 0) {
      const whole = completeLength(bytes);
      if (isUtf8(bytes.subarray(0, whole))) {
        for (let at = bytes.indexOf(0x0a); at >= 0 && at < whole; at = bytes.indexOf(0x0a, at + 1))
          this.line++;
        return this.bytewise(bytes, whole);
      }
    }
    return this.bytewise(bytes, 0);
  }

  private bytewise(bytes: Buffer, from: number): number | null {
    for (let i = from; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (this.needed > 0) {
        if (byte < this.lower || byte > this.upper) return this.line;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.needed--;
      } else if (byte === 0x0a) this.line++;
      else if (byte >= 0x80 && !this.lead(byte)) return this.line;
    }
    return null;
  }

  /** The line of a sequence the file ends in the middle of, or null. */
  end(): number | null {
    return this.needed > 0 ? this.line : null;
  }

  private lead(byte: number): boolean {
    if (byte >= 0xc2 && byte <= 0xdf) this.needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      this.needed = 2;
      if (byte === 0xe0) this.lower = 0xa0;
      if (byte === 0xed) this.upper = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      this.needed = 3;
      if (byte === 0xf0) this.lower = 0x90;
      if (byte === 0xf4) this.upper = 0x8f;
    } else return false;
    return true;
  }
}

/** A file refused for its encoding, at this line. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} ${notUtf8Reason().reason}`);
  }
}

/**
 * Passes a file's pieces through unchanged and throws `NotUtf8Error` at the first piece that is not UTF-8.
 * Text pieces were decoded already: a U+FFFD in them is where a decoder met bytes that were not UTF-8.
 */
export async function* utf8Checked(pieces: AsyncIterable<string | Buffer>): AsyncIterable<string | Buffer> {
  const check = new Utf8Check();
  let line = 1;
  for await (const piece of pieces) {
    if (typeof piece === 'string') {
      const bad = piece.indexOf('\uFFFD');
      if (bad >= 0) throw new NotUtf8Error(line + countNewlines(piece.slice(0, bad)));
      line += countNewlines(piece);
    } else {
      const bad = check.push(piece);
      if (bad !== null) throw new NotUtf8Error(bad);
    }
    yield piece;
  }
  const cut = check.end();
  if (cut !== null) throw new NotUtf8Error(cut);
}

/**
 * The first line of a decoded text holding U+FFFD, the character a UTF-8 decoder puts for bytes that are
 * not UTF-8, or null. (A file that means U+FFFD itself is refused too: in health data it is garbage anyway.)
 */
export function firstReplacedLine(text: string): number | null {
  const bad = text.indexOf('\uFFFD');
  return bad < 0 ? null : 1 + countNewlines(text.slice(0, bad));
}

/** The length of the piece without a multi-byte sequence its last bytes may have begun. */
function completeLength(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return i;
  }
  return bytes.length;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
