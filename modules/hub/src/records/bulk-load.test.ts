import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Database } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { importNdjsonStream } from '../fhir/ndjson-stream-import.js';
import { beginBulkLoad, deferrableIndexes } from './bulk-load.js';
import { applyInChunks } from './csv-import-handlers.js';
import type { IncomingRecord, IngestOutcome } from './incoming.js';
import { hubTestMigrations, platformIdOf } from '../testing.js';
import { dataHubFixture, patientLine, pcrResultLine } from './testing.js';

/** The deferrable indexes present now, with their definitions (SQLite). */
function searchIndexes(database: Database): Map<string, string> {
  const rows = database.sqlite!.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index'`).all() as {
    name: string;
    sql: string;
  }[];
  return new Map(
    rows.filter((r) => (deferrableIndexes as readonly string[]).includes(r.name)).map((r) => [r.name, r.sql]),
  );
}

const file = (lines: string[]) => {
  const text = lines.join('\n');
  return { stream: () => Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text) };
};

describeEachDatabase(
  'bulk loads',
  (getDatabase, dialect) => {
    const linesOf = (prefix: string) =>
      [1, 2, 3].flatMap((k) => [
        patientLine(`${prefix}-p${k}`),
        pcrResultLine(`${prefix}-o${k}`, `${prefix}-p${k}`),
      ]);
    const lines = linesOf('bl');

    it('defers the search indexes while a large load stores its rows and builds them again before the commit', async () => {
      const database = getDatabase();
      const { hub } = dataHubFixture(database);
      if (dialect !== 'sqlite') return;
      const before = searchIndexes(database);
      expect([...before.keys()].sort()).toEqual([...deferrableIndexes].sort());
      const during: number[] = [];
      const { stream, size } = file(lines);
      const report = await importNdjsonStream(database, hub.data.records, stream(), {
        sourceId: 'bulk-lab',
        batchSize: 2,
        sizeBytes: size,
        bulkLoadMinRecords: 1,
        onProgress: () => during.push(searchIndexes(database).size),
      });
      expect(report).toMatchObject({ status: 'accepted', accepted: 6 });
      expect(during).toEqual([0, 0, 0]);
      expect(searchIndexes(database)).toEqual(before);
      expect(database.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
      // The rebuilt index answers: the results of a subject, through hub_records_subject.
      const plan = database
        .sqlite!.prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM hub_records WHERE resource_type = 'Observation' AND subject_id = ?`,
        )
        .all('any') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('hub_records_subject');
      const patient = await platformIdOf(database, 'bulk-lab', 'Patient', 'bl-p2');
      const stored = database
        .sqlite!.prepare(
          `SELECT local_id FROM hub_records WHERE resource_type = 'Observation' AND subject_id = ?`,
        )
        .all(patient);
      expect(stored).toEqual([{ local_id: 'bl-o2' }]);
    });

    it('leaves the indexes as they were when the load is rejected', async () => {
      const database = getDatabase();
      const { hub } = dataHubFixture(database);
      const before = dialect === 'sqlite' ? searchIndexes(database) : null;
      const { stream, size } = file([...linesOf('rj'), pcrResultLine('rj-bad', 'nobody')]);
      const report = await importNdjsonStream(database, hub.data.records, stream(), {
        sourceId: 'bulk-lab',
        batchSize: 2,
        sizeBytes: size,
        bulkLoadMinRecords: 1,
      });
      expect(report.status).toBe('rejected');
      expect(await hub.data.records.readOwn('bulk-lab', 'Patient', 'rj-p1')).toBeUndefined();
      if (before) expect(searchIndexes(database)).toEqual(before);
    });

    it('keeps the indexes for a load that is small against what is stored, and always on PostgreSQL', async () => {
      const database = getDatabase();
      const { hub } = dataHubFixture(database);
      const { stream } = file(lines);
      await importNdjsonStream(database, hub.data.records, stream(), { sourceId: 'bulk-lab' });
      await database.db.transaction().execute(async () => {
        // Six records stored: a load of one is less than a quarter of them; a load of two is not.
        expect(beginBulkLoad(database, 1, { minRecords: 1 })).toBeNull();
        const load = beginBulkLoad(database, 2, { minRecords: 1 });
        if (dialect === 'sqlite') {
          expect(load?.deferred).toEqual([...deferrableIndexes].sort());
          // Other requests go between two rebuilds: each is one long synchronous step on SQLite.
          let others = 0;
          const other = () => {
            others++;
            if (others < 100) setImmediate(other);
          };
          setImmediate(other);
          await load!.finish();
          expect(others).toBeGreaterThanOrEqual(load!.deferred.length - 1);
        } else expect(load).toBeNull();
        expect(beginBulkLoad(database, 49_999)).toBeNull();
      });
    });
  },
  { migrations: hubTestMigrations },
);

describe('applying an imported file (CSV, FHIR Bundle or NDJSON read whole)', () => {
  it('is one bulk load: begun for the whole file before the first chunk, finished after the last', async () => {
    const events: string[] = [];
    const items = Array.from({ length: 4500 }, (_, k) => ({ position: k + 1 }) as IncomingRecord);
    const store = async (chunk: IncomingRecord[]): Promise<IngestOutcome[]> => {
      events.push(`store ${chunk.length}`);
      return chunk.map((c) => ({
        position: c.position,
        status: 'created',
        resourceType: 'Observation',
        id: `o${c.position}`,
        storedId: `o${c.position}`,
        version: 1,
        lastModified: '2026-03-01T00:00:00Z',
        personId: null,
      }));
    };
    const result = await applyInChunks(items, store, () => undefined, {
      beginBulkLoad: (count) => {
        events.push(`begin ${count}`);
        return {
          deferred: ['hub_records_code'],
          finish: async () => {
            events.push('finish');
          },
        };
      },
      settleCases: async () => {
        events.push('settle cases');
      },
    });
    expect(result).toMatchObject({ accepted: 4500, unchanged: 0 });
    // The chunks in between are sized by time (records/time-sized-batches.ts): at most 2,000, all of the file.
    const stores = events.slice(1, -2);
    expect([events[0], ...events.slice(-2)]).toEqual(['begin 4500', 'settle cases', 'finish']);
    expect(stores.every((e) => /^store \d+$/.test(e) && Number(e.slice(6)) <= 2000)).toBe(true);
    expect(stores.reduce((sum, e) => sum + Number(e.slice(6)), 0)).toBe(4500);
  });
});
