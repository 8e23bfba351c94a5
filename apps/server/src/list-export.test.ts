import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { z } from 'zod';
import { buildApp } from './app.js';
import { declaredColumns } from './list-export.js';
import { tableOf } from './table-export.js';
import { crc32, ZipWriter } from './zip.js';
import { systemContext } from '@shuzhi/identity';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const PEOPLE = 620; // more than one page of the export's page reads (500)

function residentId(n: number): string {
  const body = `43020219${String(60 + (n % 40)).padStart(2, '0')}0101${String(n).padStart(3, '0')}`.slice(
    0,
    17,
  );
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function labFile(): string {
  const lines = [header];
  for (let n = 0; n < PEOPLE; n++) {
    // Person 0's name would be a formula in a spreadsheet: the export must not let it run.
    const name = n === 0 ? '=HYPERLINK("http://x.example","点我")' : `测试${n}号`;
    const birth = `${1960 + (n % 40)}-01-01`;
    lines.push(
      `R${n},P${n},${residentId(n)},,"${name.replace(/"/g, '""')}",female,${birth},,430202,,94500-6,2026-02-27T08:10:00+08:00,2026-02-27T20:30:00+08:00,negative,,`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads one file out of a ZIP archive by walking its central directory, checking the CRC-32. */
function unzipEntry(archive: Buffer, name: string): string {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const nameLength = archive.readUInt16LE(at + 28);
    const entryName = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(at + 42);
    const size = archive.readUInt32LE(at + 20);
    if (entryName === name) {
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = inflateRawSync(archive.subarray(start, start + size));
      expect(crc32(data)).toBe(archive.readUInt32LE(at + 16));
      return data.toString('utf8');
    }
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  throw new Error(`${name} not in the archive`);
}

function csvRows(body: Buffer): string[] {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return body.subarray(3).toString('utf8').split('\r\n').slice(0, -1);
}

describe('crc32', () => {
  it('matches the published check value of "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('continues over data given in pieces', () => {
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926);
  });
});

describe('zip written in pieces', () => {
  it('writes an entry streamed in pieces, sizes after its data, that unzip reads back whole', () => {
    const writer = new ZipWriter();
    const pieces = [
      writer.file({ name: 'small.txt', data: Buffer.from('小文件 small file') }),
      writer.openEntry('big.txt'),
    ];
    const expected: string[] = [];
    for (let i = 0; i < 200; i++) {
      const text = `第${i}行 line ${i} ${'x'.repeat(i % 37)}\n`.repeat(50);
      expected.push(text);
      pieces.push(writer.write(Buffer.from(text, 'utf8')));
    }
    pieces.push(writer.closeEntry(), writer.finish());
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    writeFileSync(join(dir, 'a.zip'), Buffer.concat(pieces));
    expect(execFileSync('unzip', ['-t', join(dir, 'a.zip')]).toString()).toContain('No errors detected');
    const big = execFileSync('unzip', ['-p', join(dir, 'a.zip'), 'big.txt'], { maxBuffer: 64 * 2 ** 20 });
    expect(big.toString('utf8')).toBe(expected.join(''));
    expect(unzipEntry(Buffer.concat(pieces), 'small.txt')).toBe('小文件 small file');
  });
});

describeEachDatabase('list export to CSV and XLSX', (getDatabase) => {
  let t: TestApp;
  let epi: Record<string, string>;
  let consumerKey: string;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    const lab = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '导出测试实验室 Export lab', type: 'lab', areaCode: '430202' },
    });
    const labKey = (lab.json() as { apiKey: string }).apiKey;
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=lab-results&fileName=many.csv&wait=true',
      headers: { authorization: `Bearer ${labKey}`, 'content-type': 'text/csv' },
      payload: labFile(),
    });
    expect(upload.json()).toMatchObject({ status: 'accepted' });
    const consumer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '统计局 Statistics', type: 'cdc', consumerOnly: true },
    });
    expect(consumer.statusCode).toBe(201);
    const { id: consumerId, apiKey } = consumer.json() as { id: string; apiKey: string };
    consumerKey = apiKey;
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: consumerId,
        title: '人口统计 Population statistics',
        datasets: ['persons'],
        fields: [],
        purpose: 'surveillance',
        legalBasis: '《中华人民共和国传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      },
    });
    expect(agreement.statusCode).toBe(201);
    epi = await signInBearer(t.app, 'epi');
  }, 120_000);
  afterAll(async () => t.close());

  it('exports every matching row as CSV, not one page, with a header of field names', async () => {
    const response = await t.app.inject({ url: '/api/v1/persons?format=csv&limit=10', headers: epi });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="persons-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const rows = csvRows(response.rawPayload);
    expect(rows[0]).toBe('id,name,sex,birthDate,areaCode,updatedAt');
    expect(rows).toHaveLength(PEOPLE + 1);
    expect(rows).toContain(rows.find((row) => row.includes(',测试7号,female,1967-01-01,430202,')));
  });

  it('writes the header of an empty selection from the list’s item schema', async () => {
    const response = await t.app.inject({ url: '/api/v1/persons?format=csv&q=无此人', headers: epi });
    expect(csvRows(response.rawPayload)).toEqual(['id,name,sex,birthDate,areaCode,updatedAt']);
  });

  it('honours the search, sort and order of the list', async () => {
    const response = await t.app.inject({
      url: '/api/v1/persons?q=测试1&sort=birthDate&order=desc',
      headers: { ...epi, accept: 'text/csv' },
    });
    expect(response.statusCode).toBe(200);
    const rows = csvRows(response.rawPayload).slice(1);
    const list = await t.app.inject({
      url: '/api/v1/persons?q=测试1&sort=birthDate&order=desc&limit=500',
      headers: epi,
    });
    const ids = (list.json() as { items: { id: string }[]; total: number }).items.map((i) => i.id);
    expect(rows.map((row) => row.split(',')[0])).toEqual(ids);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(PEOPLE);
  });

  it('guards a cell that would run as a formula', async () => {
    const rows = csvRows(
      (await t.app.inject({ url: '/api/v1/persons?format=csv&q=HYPERLINK', headers: epi })).rawPayload,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`,"'=HYPERLINK(""http://x.example"",""点我"")",`);
  });

  it('writes an XLSX workbook a spreadsheet opens, with every row', async () => {
    const response = await t.app.inject({ url: '/api/v1/persons?format=xlsx', headers: epi });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="persons-\d{4}-\d\d-\d\d\.xlsx"/);
    const sheet = unzipEntry(response.rawPayload, 'xl/worksheets/sheet1.xml');
    expect(sheet.match(/<row /g)).toHaveLength(PEOPLE + 1);
    expect(sheet).toContain('<c r="B1" t="inlineStr"><is><t xml:space="preserve">name</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">测试7号</t>');
    expect(unzipEntry(response.rawPayload, '[Content_Types].xml')).toContain('/xl/worksheets/sheet1.xml');
    expect(unzipEntry(response.rawPayload, 'xl/workbook.xml')).toContain('<sheet name="persons"');
    // The system's own unzip reads the archive too (it is what spreadsheets' readers do first).
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    writeFileSync(join(dir, 'p.xlsx'), response.rawPayload);
    const listing = execFileSync('unzip', ['-t', join(dir, 'p.xlsx')]).toString();
    expect(listing).toContain('No errors detected');
  });

  it('masks what the consumer’s agreement does not grant, in the export too', async () => {
    const headers = { authorization: `Bearer ${consumerKey}`, 'x-purpose-of-use': 'surveillance' };
    const list = await t.app.inject({ url: '/api/v1/persons?limit=3', headers });
    expect(list.statusCode).toBe(200);
    const exported = await t.app.inject({ url: '/api/v1/persons?format=csv', headers });
    expect(exported.statusCode).toBe(200);
    const rows = csvRows(exported.rawPayload).slice(1);
    expect(rows).toHaveLength(PEOPLE);
    const firstItem = (list.json() as { items: { name: string; birthDate: string }[] }).items[0]!;
    expect(firstItem.birthDate).toMatch(/\*/);
    expect(rows.some((row) => row.includes('测试7号'))).toBe(false);
    expect(rows.every((row) => /\d{4}-\*\*-\*\*/.test(row) || /,,/.test(row))).toBe(true);
  });

  it('refuses a caller the list refuses, exactly as the list does', async () => {
    const citizen = await signInBearer(t.app, 'citizen');
    const list = await t.app.inject({ url: '/api/v1/persons', headers: citizen });
    const exported = await t.app.inject({ url: '/api/v1/persons?format=csv', headers: citizen });
    expect(list.statusCode).toBe(403);
    expect(exported.statusCode).toBe(403);
    expect({ ...exported.json(), instance: null }).toEqual({ ...list.json(), instance: null });
    const noPurpose = { authorization: `Bearer ${consumerKey}`, 'x-purpose-of-use': 'contact_tracing' };
    const refused = await t.app.inject({ url: '/api/v1/persons?format=xlsx', headers: noPurpose });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('no active data-sharing agreement');
  });

  it('refuses an unknown format, naming the field', async () => {
    const response = await t.app.inject({ url: '/api/v1/persons?format=pdf', headers: epi });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ issues: [{ field: 'format' }] });
  });

  it('writes one audit entry for the export, naming list, format, rows and purpose', async () => {
    await t.app.inject({ url: '/api/v1/persons?format=csv&q=测试2', headers: epi });
    await t.platform.identity.audit.drain();
    const auditor = await signIn(t.app, 'auditor');
    const trail = await t.app.inject({ url: '/api/v1/audit?limit=50', headers: auditor.headers });
    const entries = (
      trail.json() as { items: { action: string; purpose: string; detail: Record<string, unknown> }[] }
    ).items;
    const exports = entries.filter((e) => e.action === 'export csv GET /api/v1/persons');
    expect(exports[0]).toMatchObject({
      purpose: 'case_investigation',
      detail: { list: '/api/v1/persons', format: 'csv', purpose: 'case_investigation', dataset: 'persons' },
    });
    expect(exports[0]!.detail['rows']).toBeGreaterThan(100);
  });
});

describeEachDatabase('list export while the list changes and streams', (getDatabase) => {
  // About 15 MB of CSV in six pages: each page read takes a while.
  const ENTRIES = 3_000;
  let t: TestApp;
  let auditor: Record<string, string>;
  beforeAll(async () => {
    // Writing the entries below holds the event loop; load shedding would refuse the next requests for it.
    t = await createTestApp(getDatabase(), { maxEventLoopDelayMs: 0 });
    const ctx = systemContext('export-test', 'audit', t.platform.clock);
    // Enough entries for several pages of the export's reads, each with a detail that fills its cell.
    await Promise.all(
      Array.from({ length: ENTRIES }, (_, i) =>
        t.platform.identity.audit.record(ctx, {
          action: `test entry ${i}`,
          resourceType: 'test',
          outcome: 'success',
          detail: { index: i, note: 'n'.repeat(5_000) },
        }),
      ),
    );
    auditor = await signInBearer(t.app, 'auditor');
  }, 120_000);
  afterAll(async () => t.close());

  it('exports the audit trail, newest first, once per entry while its own reads add entries on top', async () => {
    const response = await t.app.inject({ url: '/api/v1/audit?format=csv', headers: auditor });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = csvRows(response.rawPayload);
    expect(header!.split(',')[0]).toBe('seq');
    const seqs = rows.map((row) => Number(row.split(',')[0]));
    // Every entry there was at the first read, once, in order: each later read was audited above them.
    expect(seqs[seqs.length - 1]).toBe(1);
    expect(seqs).toEqual(Array.from({ length: seqs[0]! }, (_, i) => seqs[0]! - i));
    expect(seqs.length).toBeGreaterThan(ENTRIES);
    // A declared field holding an object is one cell of JSON.
    expect(rows.find((row) => row.includes('test entry 7,'))).toMatch(/,"\{.*""index"":7[,}]/);
  });

  it('gives no person twice, and none less, when thousands share the sort key', async () => {
    // One import's persons share their updated_at, the list's default sort; PostgreSQL orders equal keys one
    // way for a page's top-N sort and another for a full sort, so plain offsets repeat and skip persons.
    const persons = Array.from({ length: 3_000 }, (_, i) => ({
      id: `per_tie${String((i * 7919) % 3_000).padStart(5, '0')}`,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      name: `同时${i}`,
      sex: 'male',
      birth_date: '1990-01-01',
      area_code: '430202',
    }));
    for (let i = 0; i < persons.length; i += 500)
      await getDatabase()
        .db.insertInto('persons')
        .values(persons.slice(i, i + 500))
        .execute();
    const epi = await signInBearer(t.app, 'epi');
    const response = await t.app.inject({ url: '/api/v1/persons?format=csv', headers: epi });
    const ids = csvRows(response.rawPayload)
      .slice(1)
      .map((row) => row.split(',')[0]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(3_000);
  });

  it('stops reading when the client goes away, and audits what it had sent', async () => {
    const address = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
    const pageReads = async () => {
      await t.platform.identity.audit.drain();
      const page = await t.platform.identity.audit.list(
        { action: 'GET /api/v1/audit' },
        { limit: 1, offset: 0, order: 'desc' },
      );
      return page.total;
    };
    const before = await pageReads();
    // Hang up as soon as the file has started.
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { host: address.hostname, port: address.port, path: '/api/v1/audit?format=csv', headers: auditor },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (error) => (req.destroyed ? resolve() : reject(error)));
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const atEnd = await pageReads();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await pageReads()).toBe(atEnd);
    // One read for the request itself and a few pages, not the whole list's.
    expect(atEnd - before).toBeLessThan(ENTRIES / 500);
    const entry = (
      await t.platform.identity.audit.list(
        { action: 'export csv GET /api/v1/audit' },
        { limit: 1, offset: 0, order: 'desc' },
      )
    ).items[0];
    expect(entry).toMatchObject({ outcome: 'failure', detail: { ended: 'client disconnected' } });
    expect((entry!.detail as { rows: number }).rows).toBeLessThan(ENTRIES);
  });
});

describeEachDatabase('list export cap', (getDatabase) => {
  let t: TestApp;
  let capped: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    capped = await buildApp(t.platform, { serveWeb: false, listExportMaxRows: 3 });
  });
  afterAll(async () => {
    await capped.app.close();
    await t.close();
  });

  it('refuses a selection beyond the cap with 413, naming the cap and suggesting a filter', async () => {
    const admin = await signInBearer(capped.app, 'admin');
    for (const name of ['一', '二', '三', '四']) {
      const created = await capped.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: admin,
        payload: { name: `医院${name} Hospital`, type: 'hospital' },
      });
      expect(created.statusCode).toBe(201);
    }
    const list = await capped.app.inject({ url: '/api/v1/sources', headers: admin });
    expect((list.json() as { total: number }).total).toBeGreaterThan(3);
    const response = await capped.app.inject({ url: '/api/v1/sources?format=csv', headers: admin });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ issues: [{ field: 'format' }] });
    expect(response.json().detail).toMatch(/export cap of 3; narrow it with a filter/);
  });
});

describe('table of list items', () => {
  it('flattens nested objects as a.b and joins arrays, keeping declared columns first', () => {
    const table = tableOf(
      [
        { id: 'a', source: { id: 's1', name: '医院' }, tags: ['x', 'y'], run: null },
        { id: 'b', source: null, tags: [], extra: true },
      ],
      declaredColumns(
        z.object({
          id: z.string(),
          source: z.object({ id: z.string(), name: z.string() }).nullable(),
          tags: z.array(z.string()),
          run: z.object({ at: z.string() }).nullable(),
        }),
      ),
    );
    expect(table.columns).toEqual(['id', 'source.id', 'source.name', 'tags', 'run.at', 'extra']);
    expect(table.rows).toEqual([
      ['a', 's1', '医院', 'x; y', '', ''],
      ['b', '', '', '', '', 'true'],
    ]);
  });
});
