import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { dataHubFixture, patientLine } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';
import { firstReplacedLine, NotUtf8Error, Utf8Check, utf8Checked } from './text-encoding.js';

/** `bytes` cut at the given offsets. */
function piecesOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    pieces.push(bytes.subarray(from, cut));
    from = cut;
  }
  return pieces;
}

function firstBadLine(pieces: Buffer[]): number | null {
  const check = new Utf8Check();
  for (const piece of pieces) {
    const bad = check.push(piece);
    if (bad !== null) return bad;
  }
  return check.end();
}

describe('UTF-8 check of an import file', () => {
  it('accepts any UTF-8 text, however it is cut into pieces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.nat()), (text, cuts) => {
        expect(firstBadLine(piecesOf(Buffer.from(text, 'utf8'), cuts))).toBeNull();
      }),
    );
  });

  it('names the line of the first GBK character, wherever the pieces are cut', () => {
    const gbk = Buffer.from([0xcd, 0xf5, 0xce, 0xe5]); // 王五 in GBK
    const file = Buffer.concat([Buffer.from('id,name\r\n1,张三\r\n2,'), gbk, Buffer.from('\r\n')]);
    fc.assert(
      fc.property(fc.array(fc.nat()), (cuts) => {
        expect(firstBadLine(piecesOf(file, cuts))).toBe(3);
      }),
    );
  });

  it('refuses overlong forms, surrogates, values past U+10FFFF and a sequence cut off at the end', () => {
    for (const bytes of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ])
      expect(firstBadLine([Buffer.from(bytes)])).toBe(1);
    expect(firstBadLine([Buffer.from('ok\n'), Buffer.from([0xe4, 0xb8])])).toBe(2);
  });

  it('finds U+FFFD, a decoder’s mark for bytes that were not UTF-8, in text decoded already', () => {
    expect(firstReplacedLine('a\nb\n\uFFFD\n')).toBe(3);
    expect(firstReplacedLine('张三\n李四')).toBeNull();
  });

  it('passes the pieces of a UTF-8 stream through unchanged and stops at the first bad one', async () => {
    const good = [Buffer.from('一\n'), Buffer.from('二\n')];
    const seen: (string | Buffer)[] = [];
    for await (const piece of utf8Checked(Readable.from(good))) seen.push(piece);
    expect(seen).toEqual(good);
    const bad = Readable.from([Buffer.from('一\n'), Buffer.from([0xcd, 0xf5, 0x0a])]);
    await expect(async () => {
      for await (const _ of utf8Checked(bad)) void _;
    }).rejects.toThrow(NotUtf8Error);
  });
});

describeEachDatabase(
  'imports of files that are not UTF-8',
  (getDatabase) => {
    // A good line, then a Patient whose name (王五) is in GBK bytes.
    const file = Buffer.concat([
      Buffer.from(`${patientLine('gbk-p0')}\n{"resourceType":"Patient","id":"gbk-p1","name":[{"text":"`),
      Buffer.from([0xcd, 0xf5, 0xce, 0xe5]),
      Buffer.from('"}]}\n'),
    ]);

    it('refuses a streamed NDJSON file at its first non-UTF-8 line, and stores none of it', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const report = await hub.imports.run(ctx, {
        kind: 'fhir',
        fileName: 'gbk.ndjson',
        text: '',
        stream: Readable.from([file]),
        partial: true,
      });
      expect(report).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1 });
      expect(report.errors).toEqual([
        { line: 2, reason: expect.stringContaining('not UTF-8'), code: 'not-utf8' },
      ]);
      expect(await hub.data.records.read('Patient', 'gbk-p0')).toBeUndefined();
    });

    it('refuses a CSV decoded with replacement characters, naming the line, and stores none of it', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const example = hub.imports.template('lab-results')!.example;
      const [header, row] = example.trim().split('\n') as [string, string];
      const text = [header, row, row.replace('R-2022-000001', 'R-2').replace('张晓明', '\uFFFD\uFFFD')].join(
        '\n',
      );
      const report = await hub.imports.run(ctx, { kind: 'lab-results', fileName: 'gbk.csv', text });
      expect(report).toMatchObject({ status: 'rejected', accepted: 0 });
      expect(report.errors).toEqual([
        { line: 3, reason: expect.stringContaining('not UTF-8'), code: 'not-utf8' },
      ]);
    });
  },
  { migrations: hubTestMigrations },
);
