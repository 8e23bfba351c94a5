/**
 * A streamed NDJSON import is one transaction, cut into batches only to keep the event loop free, and the
 * cut follows the clock (`ndjson-stream-import.ts` sizes batches by time). What the hub stores and publishes
 * must therefore not depend on where the cuts fall: the same file into two empty hubs, once whole and once a
 * line per batch, must leave the same records, persons, cases and change feed.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import type { Database } from '@shuzhi/db';
import { composeResidentId } from './core/index.js';
import { importNdjsonStream } from './fhir/ndjson-stream-import.js';
import { dataHubFixture } from './records/testing.js';
import { hubTestMigrations } from './testing.js';

const SOURCE = 'cut-lab';

function patient(id: string, person: { name: string; birthDate: string; residentId?: string }): string {
  const { name, birthDate, residentId } = person;
  return JSON.stringify({
    resourceType: 'Patient',
    id,
    identifier: [
      { system: `urn:shuzhi:source:${SOURCE}`, value: id.toUpperCase() },
      ...(residentId ? [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }] : []),
    ],
    name: [{ text: name }],
    gender: 'female',
    birthDate,
  });
}

/** A PCR result (LOINC 94500-6) collected at `specimen` (UTC), positive or negative. */
function pcr(id: string, subject: string, specimen: string, positive: boolean): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: specimen,
    issued: specimen.replace('T08', 'T20'),
    valueCodeableConcept: {
      coding: [{ system: 'http://snomed.info/sct', code: positive ? '10828004' : '260385009' }],
    },
  });
}

/**
 * Positives whose case depends on more than one line: a person's second positive, taken earlier than the
 * first one sent (the case's first positive specimen moves back); a second registration of a person (same
 * resident ID, another record number) with an earlier positive; a result in a later line than its Patient.
 */
const twice = {
  name: '王芳',
  birthDate: '1990-03-07',
  residentId: composeResidentId('430202', '1990-03-07', '002'),
};
const file = [
  patient('cp1', { name: '李静', birthDate: '1985-11-21' }),
  pcr('co1', 'cp1', '2026-02-20T08:00:00Z', true),
  pcr('co2', 'cp1', '2026-02-10T08:00:00Z', true),
  patient('cp2', twice),
  pcr('co3', 'cp2', '2026-02-18T08:00:00Z', true),
  pcr('co4', 'cp2', '2026-02-19T08:00:00Z', false),
  patient('cp3', twice),
  pcr('co5', 'cp3', '2026-02-12T08:00:00Z', true),
  patient('cp4', { name: '赵敏', birthDate: '1972-06-02' }),
  pcr('co6', 'cp4', '2026-02-15T08:00:00Z', false),
  pcr('co7', 'cp4', '2026-02-16T08:00:00Z', true),
].join('\n');

/** What one import into an empty hub leaves: the change feed and the cases, without the hub's random ids. */
async function importCut(database: Database, batchSize: number) {
  const { hub, ctx } = dataHubFixture(database);
  const report = await importNdjsonStream(database, hub.data.records, Readable.from([file]), {
    sourceId: SOURCE,
    batchSize,
    // Never sized by time: every batch holds exactly `batchSize` lines.
    sliceMs: Infinity,
  });
  expect(report).toMatchObject({ status: 'accepted', accepted: 11 });
  // Records get random platform ids (ADR 0002): name them by the ids the file gave them.
  const localOf = new Map(
    (await database.db.selectFrom('hub_records').select(['id', 'local_id']).execute()).map((r) => [
      r.id as string,
      (r.local_id as string | null) ?? (r.id as string),
    ]),
  );
  const local = (id: string) => localOf.get(id) ?? id;
  // Persons and cases get random ids: name them by the records they rest on.
  const personOf = new Map<string, string>();
  for (const event of await hub.feed.read(0, 1000))
    if (event.topic === 'hub.person.linked' && event.personId && !personOf.has(event.personId))
      personOf.set(event.personId, local(event.entityId));
  const cases = (await hub.data.facts.listCases(ctx, {}, { limit: 50, offset: 0, order: 'asc' })).items;
  const caseOf = new Map(cases.map((c) => [c.id, `case of ${personOf.get(c.personId) ?? '?'}`]));
  const feed = (await hub.feed.read(0, 1000)).map((event) => ({
    topic: event.topic,
    entity:
      event.entityType === 'Case'
        ? (caseOf.get(event.entityId) ?? '?')
        : `${event.entityType}/${local(event.entityId)}`,
    person: event.personId === null ? null : (personOf.get(event.personId) ?? '?'),
    payload: JSON.parse(
      JSON.stringify(event.payload).replace(/"([a-z]+-[0-9a-z]{20})"/g, (_, id: string) => `"${local(id)}"`),
    ) as unknown,
  }));
  return {
    feed,
    cases: cases
      .map(({ id, personId, basis, createdAt: _created, updatedAt: _updated, ...rest }) => ({
        ...rest,
        basis: basis.map(local).sort(),
        case: caseOf.get(id),
        person: personOf.get(personId),
      }))
      .sort((a, b) => String(a.case).localeCompare(String(b.case))),
  };
}

for (const dialect of testDialects())
  describe(`batch boundaries of a streamed import [${dialect}]`, () => {
    /** The same file into two empty hubs, whole and a line per batch. */
    async function wholeAndCut() {
      const databases = [
        await createTestDatabase(dialect, { migrations: hubTestMigrations }),
        await createTestDatabase(dialect, { migrations: hubTestMigrations }),
      ];
      try {
        return {
          whole: await importCut(databases[0]!.database, 100),
          cut: await importCut(databases[1]!.database, 1),
        };
      } finally {
        for (const d of databases) await d.dispose();
      }
    }

    it('stores the same cases whether the file is stored whole or a line per batch', async () => {
      const { whole, cut } = await wholeAndCut();
      expect(whole.cases.map((c) => [c.case, c.classification, c.firstPositiveSpecimen])).toEqual([
        ['case of cp1', 'asymptomatic', '2026-02-10T08:00:00.000Z'],
        ['case of cp2', 'asymptomatic', '2026-02-12T08:00:00.000Z'],
        ['case of cp4', 'asymptomatic', '2026-02-16T08:00:00.000Z'],
      ]);
      expect(cut.cases).toEqual(whole.cases);
    });

    it('publishes the same change-feed events whether the file is stored whole or a line per batch', async () => {
      const { whole, cut } = await wholeAndCut();
      const byTopic = (feed: { topic: string }[]) =>
        feed.reduce<Record<string, number>>((n, e) => ({ ...n, [e.topic]: (n[e.topic] ?? 0) + 1 }), {});
      expect(byTopic(cut.feed)).toEqual(byTopic(whole.feed));
      // Every event the same, payload and all (as a set: where a case's event stands among the records' is no contract).
      const sorted = (feed: typeof whole.feed) =>
        feed.map((e) => JSON.stringify(e)).sort((a, b) => a.localeCompare(b));
      expect(sorted(cut.feed)).toEqual(sorted(whole.feed));
    });
  });
