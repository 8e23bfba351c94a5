/**
 * Writes a table as a minimal XLSX workbook (ECMA-376 SpreadsheetML): content types, package and workbook
 * relationships, a workbook and one worksheet of inline strings and numbers, zipped. No styles or shared
 * strings: Excel and LibreOffice open it without them, and inline strings are never evaluated as formulas.
 * The worksheet is written row by row (`XlsxWriter`), so a large export is never whole in memory.
 */
import type { Cell, Table } from './table-export.js';
import { ZipWriter } from './zip.js';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// XML 1.0 forbids most control characters even escaped; a cell holding one would make the file unreadable.
function isXmlChar(code: number): boolean {
  return (
    code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0xfffe && code !== 0xffff)
  );
}

function xmlText(text: string): string {
  let kept = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) kept += char;
  return kept.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cellXml(cell: Cell, ref: string): string {
  if (typeof cell === 'number' && Number.isFinite(cell)) return `<c r="${ref}"><v>${cell}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
}

function rowXml(cells: readonly Cell[], rowNumber: number): string {
  return `<row r="${rowNumber}">${cells.map((cell, i) => cellXml(cell, `${columnName(i)}${rowNumber}`)).join('')}</row>`;
}

const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

function workbookXml(sheetName: string): string {
  // Sheet names are at most 31 characters and may not hold []:*?/\ (Excel refuses the file otherwise).
  const safeName = sheetName.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet1';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(safeName).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/**
 * Writes one workbook as byte pieces: `start` (the package parts, the worksheet's opening and its header
 * row), `rows` as many times as there are pages, `finish`. Joined in order they are the .xlsx file.
 */
export class XlsxWriter {
  private readonly zip = new ZipWriter();
  private nextRow = 1;

  constructor(
    private readonly columns: readonly string[],
    private readonly sheetName = 'Sheet1',
  ) {}

  start(): Buffer {
    const text = (name: string, xml: string) => this.zip.file({ name, data: Buffer.from(xml, 'utf8') });
    return Buffer.concat([
      text('[Content_Types].xml', CONTENT_TYPES),
      text('_rels/.rels', ROOT_RELS),
      text('xl/workbook.xml', workbookXml(this.sheetName)),
      text('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
      this.zip.openEntry('xl/worksheets/sheet1.xml'),
      this.zip.write(Buffer.from(SHEET_START + rowXml(this.columns, this.nextRow++), 'utf8')),
    ]);
  }

  rows(rows: readonly (readonly Cell[])[]): Buffer {
    const xml = rows.map((row) => rowXml(row, this.nextRow++)).join('');
    return this.zip.write(Buffer.from(xml, 'utf8'));
  }

  finish(): Buffer {
    return Buffer.concat([
      this.zip.write(Buffer.from(SHEET_END, 'utf8')),
      this.zip.closeEntry(),
      this.zip.finish(),
    ]);
  }
}

/** A whole workbook of a table. */
export function toXlsx(table: Table, sheetName = 'Sheet1'): Buffer {
  const writer = new XlsxWriter(table.columns, sheetName);
  return Buffer.concat([writer.start(), writer.rows(table.rows), writer.finish()]);
}
