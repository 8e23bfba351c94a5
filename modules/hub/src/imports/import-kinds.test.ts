/**
 * Import kinds by who submits them: a data source is offered, and may upload, only the kinds of its type,
 * the most likely first; staff are offered every kind, clinical records first and open-source news last.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, type HubFixture } from '../testing.js';
import type { ImportHandler } from './import-handler.js';
import { importKindsFor, importKindsOfSourceType, mayImportKind } from './import-kinds.js';
import { importsRoutes } from './imports.routes.js';

/** A staff-only kind, as surveillance's open-source news is. */
const newsKind: ImportHandler<string> = {
  kind: 'news',
  description: 'news items, for the tests',
  parse: () => ({ records: [], issues: [], total: 0 }),
  apply: async () => ({ accepted: 0, unchanged: 0 }),
};

const labHeader =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';

describe('import kinds of each source type', () => {
  const kinds = ['news', 'checkins', 'pharmacy-sales', 'fhir', 'lab-results'].map((kind) => ({ kind }));

  it('offers a lab its results first, then FHIR, and nothing else', () => {
    expect(importKindsFor(kinds, { staff: false, sourceType: 'lab' }).map((k) => k.kind)).toEqual([
      'lab-results',
      'fhir',
    ]);
  });

  it('offers staff every kind, news last', () => {
    expect(importKindsFor(kinds, { staff: true }).map((k) => k.kind)).toEqual([
      'lab-results',
      'fhir',
      'checkins',
      'pharmacy-sales',
      'news',
    ]);
  });

  it('offers a source of unknown type the kinds some source type submits, never staff-only ones', () => {
    expect(mayImportKind('checkins', { staff: false, sourceType: null })).toBe(true);
    expect(mayImportKind('news', { staff: false, sourceType: null })).toBe(false);
    expect(mayImportKind('a-kind-added-later', { staff: false, sourceType: null })).toBe(false);
  });

  it('gives every source type at least one kind', () => {
    for (const [type, list] of Object.entries(importKindsOfSourceType))
      expect([type, list.length > 0]).toEqual([type, true]);
  });
});

describeEachDatabase(
  'import kinds over HTTP',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let lab: Record<string, string>;
    let pharmacy: Record<string, string>;
    let epi: Record<string, string>;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const kindsOf = async (headers: Record<string, string>): Promise<string[]> =>
      (await app.inject({ url: '/api/v1/imports/kinds', headers }))
        .json<{ items: { kind: string }[] }>()
        .items.map((k) => k.kind);

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      f.hub.imports.register(newsKind);
      app = gatedTestApp(f);
      await app.register(importsRoutes, { imports: f.hub.imports, sources: f.hub.sources });
      await app.ready();
      lab = bearer(
        (await f.hub.sources.addSource({ id: 'kinds-lab', name: '检验所', type: 'lab', areaCode: '4302' }))
          .apiKey,
      );
      pharmacy = bearer(
        (await f.hub.sources.addSource({ id: 'kinds-ph', name: '药房', type: 'pharmacy', areaCode: '4302' }))
          .apiKey,
      );
      await f.identity.users.createUser({
        username: 'kinds-epi',
        displayName: 'epi',
        role: 'epidemiologist',
        areaCode: '4302',
        password: 'a long test passphrase',
      });
      epi = bearer((await f.identity.auth.login('kinds-epi', 'a long test passphrase', '127.0.0.1')).token);
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('offers a lab only its kinds, its results first; a pharmacy only its sales', async () => {
      expect(await kindsOf(lab)).toEqual(['lab-results', 'fhir']);
      expect(await kindsOf(pharmacy)).toEqual(['pharmacy-sales']);
    });

    it('offers an epidemiologist every kind, lab results first and news last', async () => {
      const kinds = await kindsOf(epi);
      expect(kinds[0]).toBe('lab-results');
      expect(kinds.at(-1)).toBe('news');
      expect([...kinds].sort()).toEqual(
        f.hub.imports
          .kinds()
          .map((k) => k.kind)
          .sort(),
      );
    });

    it('refuses a kind the source may not submit, 403 naming the kind, and stores nothing', async () => {
      for (const kind of ['pharmacy-sales', 'news']) {
        const refused = await app.inject({
          method: 'POST',
          url: `/api/v1/imports?kind=${kind}&wait=true`,
          headers: { ...lab, 'content-type': 'text/csv' },
          payload: 'a,b\n1,2\n',
        });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().issues).toEqual([
          {
            record: kind,
            field: 'kind',
            reason: expect.stringContaining(kind),
            code: 'import-kind-source-type',
            params: expect.objectContaining({ kind }),
          },
        ]);
      }
      const jobs = await getDatabase()
        .db.selectFrom('import_jobs')
        .select('id')
        .where('source_id', '=', 'kinds-lab')
        .execute();
      expect(jobs).toEqual([]);
    });

    it('takes a kind the source may submit', async () => {
      const accepted = await app.inject({
        method: 'POST',
        url: '/api/v1/imports?kind=lab-results&wait=true',
        headers: { ...lab, 'content-type': 'text/csv' },
        payload: `${labHeader}\nK1,KP1,,,林海,male,1970-01-01,,430202,,94500-6,2026-02-28T08:00:00+08:00,,negative,,\n`,
      });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 'accepted', accepted: 1 });
    });
  },
  { migrations: hubTestMigrations },
);
