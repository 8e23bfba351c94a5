import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture, patientLine, pcrResultLine } from '../records/testing.js';
import { ImportInterrupted } from '../imports/import-handler.js';
import { importNdjsonStream } from './ndjson-stream-import.js';

/** The file in small chunks that cut lines (and a Chinese character's bytes) in the middle. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

describeEachDatabase(
  'streamed NDJSON import',
  (getDatabase) => {
    it('stores a file that arrives in pieces, batch by batch, in one transaction', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const lines = ['s-p1', 's-p2', 's-p3'].flatMap((p, k) => [patientLine(p), pcrResultLine(`s-o${k}`, p)]);
      const report = await importNdjsonStream(
        getDatabase(),
        hub.data.records,
        chunked(lines.join('\n'), 37),
        {
          sourceId: 'stream-lab',
          batchSize: 2,
        },
      );
      expect(report).toMatchObject({ status: 'accepted', total: 6, accepted: 6, rejected: 0 });
      expect((await hub.data.records.readOwn('stream-lab', 'Observation', 's-o2'))?.person_id).toMatch(
        /^per_/,
      );
    });

    it('reports progress after each batch, in lines and bytes, the last at the whole file', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const text = ['pr-p1', 'pr-p2', 'pr-p3']
        .flatMap((p, k) => [patientLine(p), pcrResultLine(`pr-o${k}`, p)])
        .join('\n');
      const seen: [number, number][] = [];
      await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 64), {
        sourceId: 'stream-progress',
        batchSize: 2,
        onProgress: (lines, bytes) => seen.push([lines, bytes]),
      });
      expect(seen.map(([lines]) => lines)).toEqual([2, 4, 6]);
      for (let k = 1; k < seen.length; k++) expect(seen[k]![1]).toBeGreaterThanOrEqual(seen[k - 1]![1]);
      expect(seen.at(-1)![1]).toBe(Buffer.byteLength(text));
    });

    it('moves an import job forward in bytes of the file when the import service knows its size', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const text = [patientLine('pj-p1'), pcrResultLine('pj-o1', 'pj-p1')].join('\n');
      const size = Buffer.byteLength(text);
      const seen: [number, number][] = [];
      const report = await hub.imports.run(ctx, {
        kind: 'fhir',
        fileName: 'results.ndjson',
        text: '',
        stream: chunked(text, 50),
        streamBytes: size,
        onProgress: (done, total) => seen.push([done, total]),
      });
      expect(report).toMatchObject({ status: 'accepted', accepted: 2 });
      expect(seen.at(-1)).toEqual([size, size]);
    });

    it('keeps nothing of a file with one bad line unless partial', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const text = [
        patientLine('b-p1'),
        pcrResultLine('b-o1', 'b-p1'),
        pcrResultLine('b-o2', 'nobody'),
        '',
      ].join('\n');
      const rejected = await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 50), {
        sourceId: 'stream-bad',
        batchSize: 1,
      });
      expect(rejected.status).toBe('rejected');
      expect(rejected.issues).toEqual([expect.objectContaining({ line: 3, field: 'subject' })]);
      expect(await hub.data.records.readOwn('stream-bad', 'Patient', 'b-p1')).toBeUndefined();
      const partial = await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 50), {
        sourceId: 'stream-bad',
        partial: true,
      });
      expect(partial).toMatchObject({ status: 'partial', accepted: 2, rejected: 1 });
    });

    it('reads a refused file to its end and names every line that fails, in one report', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const badStatus = JSON.parse(pcrResultLine('all-o4', 'all-p1')) as Record<string, unknown>;
      badStatus.status = 'done';
      const lines = [
        patientLine('all-p1'),
        pcrResultLine('all-o1', 'all-p1'),
        pcrResultLine('all-o2', 'all-p1'),
        '{ not json',
        JSON.stringify(badStatus),
        ...Array.from({ length: 6 }, (_, k) => pcrResultLine(`all-o${10 + k}`, 'all-p1')),
        '[]',
      ];
      const reports = [];
      for (const batchSize of [2, 5000])
        reports.push(
          await importNdjsonStream(getDatabase(), hub.data.records, chunked(lines.join('\n'), 41), {
            sourceId: 'stream-all',
            batchSize,
          }),
        );
      // Before, the report stopped at the first refused line: a clerk needed a round of corrections per line.
      expect(reports[0]).toMatchObject({ status: 'rejected', total: 12, accepted: 0, rejected: 3 });
      expect(reports[0]!.issues.map((i) => [i.line, i.field ?? null])).toEqual([
        [4, null],
        [5, 'Observation.status'],
        [12, 'resourceType'],
      ]);
      expect(reports[1]).toEqual(reports[0]);
      expect(await hub.data.records.readOwn('stream-all', 'Patient', 'all-p1')).toBeUndefined();
    });

    it("after the store refuses a line, still validates the rest (the store's checks stop there)", async () => {
      const { hub } = dataHubFixture(getDatabase());
      const lines = [
        patientLine('rest-p1'),
        pcrResultLine('rest-o1', 'rest-nobody'), // refused by the store: no such subject
        pcrResultLine('rest-o2', 'rest-nobody-either'), // a batch the store never sees: not reported
        pcrResultLine('rest-o3', 'rest-p1'),
        '{ not json',
      ];
      const report = await importNdjsonStream(
        getDatabase(),
        hub.data.records,
        chunked(lines.join('\n'), 41),
        {
          sourceId: 'stream-rest',
          batchSize: 2,
        },
      );
      expect(report).toMatchObject({ status: 'rejected', total: 5, accepted: 0, rejected: 2 });
      expect(report.issues.map((i) => [i.line, i.field ?? null])).toEqual([
        [2, 'subject'],
        [5, null],
      ]);
      expect(await hub.data.records.readOwn('stream-rest', 'Patient', 'rest-p1')).toBeUndefined();
    });

    it('reports a refused file the same wherever its batches were cut: the refused line, once', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const lines = [
        ...['cut-p1', 'cut-p2'].flatMap((p, k) => [patientLine(p), pcrResultLine(`cut-o${k}`, p)]),
        pcrResultLine('cut-o9', 'cut-nobody'),
      ];
      const reports = [];
      for (const batchSize of [2, 5000])
        reports.push(
          await importNdjsonStream(getDatabase(), hub.data.records, chunked(lines.join('\n'), 64), {
            sourceId: 'stream-cut',
            batchSize,
          }),
        );
      // Whole, the four other lines came with "not processed" issues (rejected 5); cut in batches of two,
      // only the fifth's batch did: the report depended on where batches were cut.
      for (const report of reports)
        expect(report).toMatchObject({
          status: 'rejected',
          total: 5,
          accepted: 0,
          rejected: 1,
          issues: [expect.objectContaining({ line: 5, field: 'subject' })],
        });
      expect(reports[0]!.issues).toHaveLength(1);
      expect(reports[1]).toEqual(reports[0]);
    });

    it('lets the rest of the server run while it imports: timers fire between its batches', async () => {
      const { hub } = dataHubFixture(getDatabase());
      // Chunks from memory arrive without I/O: before, the whole import ran as one chain of promise
      // callbacks and no timer (no request) ran until it ended.
      const text = Array.from({ length: 1500 }, (_, i) => patientLine(`y-p${i}`)).join('\n');
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      let ticksWhenDone = 0;
      try {
        const report = await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 1 << 16), {
          sourceId: 'stream-yield',
        });
        ticksWhenDone = ticks;
        expect(report).toMatchObject({ status: 'accepted', accepted: 1500 });
      } finally {
        clearInterval(timer);
      }
      expect(ticksWhenDone).toBeGreaterThan(0);
    });

    it('stops at a batch boundary when asked (shutdown): all or nothing rolls back, naming the line', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const text = Array.from({ length: 6 }, (_, i) => patientLine(`st-p${i}`)).join('\n');
      const stop = new AbortController();
      const failure = await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 40), {
        sourceId: 'stream-stop',
        batchSize: 2,
        signal: stop.signal,
        onProgress: (lines) => lines >= 4 && stop.abort(),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ImportInterrupted);
      expect((failure as ImportInterrupted).line).toBe(5);
      expect(await hub.data.records.readOwn('stream-stop', 'Patient', 'st-p0')).toBeUndefined();
    });

    it('stops at a batch boundary when asked: partial keeps what it stored and says where it stopped', async () => {
      const { hub } = dataHubFixture(getDatabase());
      const text = Array.from({ length: 6 }, (_, i) => patientLine(`sp-p${i}`)).join('\n');
      const stop = new AbortController();
      const report = await importNdjsonStream(getDatabase(), hub.data.records, chunked(text, 40), {
        sourceId: 'stream-stop-partial',
        batchSize: 2,
        partial: true,
        signal: stop.signal,
        onProgress: (lines) => lines >= 4 && stop.abort(),
      });
      expect(report).toMatchObject({ status: 'partial', total: 4, accepted: 4, rejected: 0 });
      expect(report.issues).toEqual([
        {
          line: 5,
          reason: expect.stringMatching(/^interrupted by a shutdown of the server: the lines before/),
        },
      ]);
      expect(await hub.data.records.readOwn('stream-stop-partial', 'Patient', 'sp-p3')).toBeDefined();
      expect(await hub.data.records.readOwn('stream-stop-partial', 'Patient', 'sp-p4')).toBeUndefined();
    });
  },
  { migrations: hubTestMigrations },
);
