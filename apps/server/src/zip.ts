/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3.x: local headers, deflated data, central directory, end record)
 * for the XLSX export. It hands out the archive's bytes piece by piece, so an entry too large to hold (a
 * worksheet of 100,000 rows) is compressed and sent as it is written: its sizes and CRC then follow its data
 * in a data descriptor (APPNOTE 4.3.9, general purpose flag bit 3), which spreadsheets and unzip read.
 * Node 20 has deflateRaw but no CRC-32, so the checksum is computed here.
 */
import { constants, deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the polynomial ZIP and PNG use); pass the CRC so far to continue it over more data. */
export function crc32(data: Uint8Array, crcSoFar = 0): number {
  let crc = (crcSoFar ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const UTF8_NAMES = 0x0800; // general purpose bit 11: names are UTF-8
const SIZES_AFTER_DATA = 0x0008; // general purpose bit 3: CRC and sizes in a data descriptor
const DEFLATE = 8;
// 1980-01-01 00:00, the earliest DOS date: the archive's bytes then depend only on its content.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
// Without ZIP64 every size and offset is 32 bits; past that the archive would be unreadable, not merely large.
const MAX_32 = 0xffffffff;

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Writes one archive as a sequence of byte pieces; concatenated in order they are the archive. */
export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private open: Written | null = null;

  /** A whole entry: local header with its sizes, then its deflated data. */
  file(entry: ZipEntry): Buffer {
    this.assertNoneOpen();
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const written: Written = {
      name,
      flags: UTF8_NAMES,
      crc: crc32(entry.data),
      compressed: compressed.length,
      size: entry.data.length,
      offset: this.offset,
    };
    return this.advance(written, Buffer.concat([localHeader(written), name, compressed]));
  }

  /** Starts an entry whose data is given in pieces (`write`), ended by `closeEntry`. */
  openEntry(entryName: string): Buffer {
    this.assertNoneOpen();
    const name = Buffer.from(entryName, 'utf8');
    const entry = { name, flags: UTF8_NAMES | SIZES_AFTER_DATA, crc: 0, compressed: 0, size: 0 };
    this.open = { ...entry, offset: this.offset };
    const header = Buffer.concat([localHeader({ ...entry, offset: this.offset }), name]);
    this.offset += header.length;
    return header;
  }

  /**
   * Deflates one piece of the open entry. Each piece is compressed on its own and ends on a sync flush (an
   * empty stored block, RFC 1951 3.2.4), so the pieces joined are one valid deflate stream, as pigz joins
   * its blocks; a piece of a few tens of kilobytes loses little to the reset dictionary.
   */
  write(data: Buffer): Buffer {
    const open = this.requireOpen();
    if (data.length === 0) return Buffer.alloc(0);
    const compressed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    open.crc = crc32(data, open.crc);
    open.size += data.length;
    open.compressed += compressed.length;
    this.offset += compressed.length;
    this.assertFits(open.size, 'entry size');
    return compressed;
  }

  /** Ends the open entry: the deflate stream's final block, then the data descriptor with CRC and sizes. */
  closeEntry(): Buffer {
    const open = this.requireOpen();
    const final = deflateRawSync(Buffer.alloc(0));
    open.compressed += final.length;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(open.crc, 4);
    descriptor.writeUInt32LE(open.compressed, 8);
    descriptor.writeUInt32LE(open.size, 12);
    this.offset += final.length + descriptor.length;
    this.assertFits(this.offset, 'archive size');
    this.written.push(open);
    this.open = null;
    return Buffer.concat([final, descriptor]);
  }

  /** The central directory and the end record: the archive's last piece. */
  finish(): Buffer {
    this.assertNoneOpen();
    const central = this.written.map((entry) => Buffer.concat([centralHeader(entry), entry.name]));
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([directory, end]);
  }

  private advance(written: Written, bytes: Buffer): Buffer {
    this.written.push(written);
    this.offset += bytes.length;
    this.assertFits(this.offset, 'archive size');
    return bytes;
  }

  private requireOpen(): Written {
    if (!this.open) throw new Error('zip: no entry is open');
    return this.open;
  }

  private assertNoneOpen(): void {
    if (this.open) throw new Error('zip: an entry is still open');
  }

  private assertFits(value: number, what: string): void {
    if (value > MAX_32)
      throw new Error(`zip: ${what} beyond 4 GiB needs ZIP64, which this writer does not write`);
  }
}

function localHeader(entry: Written): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate, data descriptor)
  local.writeUInt16LE(entry.flags, 6);
  local.writeUInt16LE(DEFLATE, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  // With bit 3 set these are zero here and given in the data descriptor.
  local.writeUInt32LE(entry.crc, 14);
  local.writeUInt32LE(entry.compressed, 18);
  local.writeUInt32LE(entry.size, 22);
  local.writeUInt16LE(entry.name.length, 26);
  local.writeUInt16LE(0, 28);
  return local;
}

function centralHeader(entry: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return header;
}

/** Zips the entries whole, each deflated (a small archive held in memory). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const writer = new ZipWriter();
  return Buffer.concat([...entries.map((entry) => writer.file(entry)), writer.finish()]);
}
