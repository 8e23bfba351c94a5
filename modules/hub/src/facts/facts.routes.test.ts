/**
 * A person's timeline over HTTP as a consumer meets it: each section needs its own dataset, the sections not
 * granted are named with the reason, and the audit names the datasets the read drew on.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { dataHubFixture } from '../records/testing.js';
import type { NewAgreement } from '../sharing/sharing.schema.js';
import { hubTestMigrations, type HubFixture, gatedTestApp } from '../testing.js';
import { factsRoutes } from './facts.routes.js';

const LEGAL_BASIS = '《传染病防治法》第三十三条 Law on the Prevention and Treatment of Infectious Diseases';
const labHeader =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';

interface TimelineBody {
  entries: { kind: string; detail: Record<string, unknown> }[];
  case: unknown;
  withheld: { section: string; dataset: string | null; reason: string }[];
}

describeEachDatabase(
  'the person timeline for a consumer',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let personId: string;

    async function consumer(name: string, datasets: NewAgreement['datasets']) {
      const source = await f.hub.sources.addSource({ name, type: 'cdc' });
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: source.id,
        title: `timeline for ${name}`,
        datasets,
        purpose: 'case_investigation',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2099-01-01T00:00:00Z',
      });
      const [key] = await f.identity.auth.apiKeysOf({ kind: 'source', id: source.id });
      return {
        keyId: key!.id,
        headers: { authorization: `Bearer ${source.apiKey}`, 'x-purpose-of-use': 'case_investigation' },
      };
    }

    async function lastAuditOf(keyId: string) {
      await f.identity.audit.drain();
      const page = await f.identity.audit.list(
        { actorIds: [keyId] },
        { limit: 10, offset: 0, order: 'desc' },
      );
      return page.items[0];
    }

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(factsRoutes, { facts: f.hub.data.facts });
      await app.ready();
      const lab = `${labHeader}\nT1,TP1,430211200106153360,,郑芳,female,1975-09-09,,430203,,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,positive,24.5,\n`;
      await f.hub.imports.run(f.ctx, {
        kind: 'lab-results',
        fileName: 't.csv',
        text: lab,
        sourceId: 'tl-lab',
      });
      const doc = await f.hub.data.mpi.exportLinkage();
      personId = doc.persons.find((p) => p.records.some((r) => r.value === 'TP1'))!.person_id;
      f.hub.data.facts.registerTimelineContributor('presence', async ({ personIds }) =>
        personIds.includes(personId)
          ? [
              {
                at: '2026-02-27T02:00:00.000Z',
                kind: 'presence',
                id: 'chk-1',
                sourceId: null,
                personId,
                detail: { venue: 'V-42' },
              },
            ]
          : [],
      );
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('shows a consumer granted persons only the person, naming each section left out and why', async () => {
      const persons = await consumer('Persons-only CDC', ['persons']);
      const response = await app.inject({
        url: `/api/v1/persons/${personId}/timeline`,
        headers: persons.headers,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json() as TimelineBody;
      expect(body.entries.map((e) => e.kind)).toEqual(['record-linked']);
      // The source's record id is an identifier too: masked without the identifiers grant.
      expect(body.entries[0]!.detail).toMatchObject({ recordKey: 'tl-lab|***' });
      expect(body.case).toBeNull();
      const withheld = new Map(body.withheld.map((w) => [w.section, w]));
      expect(withheld.get('lab-result')).toMatchObject({
        dataset: 'observations',
        reason: expect.stringContaining('observations for purpose case_investigation'),
      });
      expect(withheld.get('case')?.dataset).toBe('cases');
      expect(withheld.get('presence')?.dataset).toBe('presence');
      expect(withheld.get('arrival')).toMatchObject({ dataset: null });
      expect(withheld.has('record-linked')).toBe(false);
      expect(await lastAuditOf(persons.keyId)).toMatchObject({
        outcome: 'success',
        detail: { dataset: 'persons' },
      });
    });

    it('adds the sections whose datasets are granted, and audits every dataset read', async () => {
      const wider = await consumer('Investigating CDC', ['persons', 'observations', 'cases']);
      const response = await app.inject({
        url: `/api/v1/persons/${personId}/timeline`,
        headers: wider.headers,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json() as TimelineBody;
      expect(body.entries.map((e) => e.kind).sort()).toEqual(['case', 'lab-result', 'record-linked']);
      expect(body.case).toMatchObject({ classification: 'asymptomatic' });
      expect(body.withheld.map((w) => w.section)).not.toContain('lab-result');
      expect(body.withheld.map((w) => w.section)).toContain('presence');
      expect(await lastAuditOf(wider.keyId)).toMatchObject({
        outcome: 'success',
        detail: { dataset: 'persons,observations,cases' },
      });
    });

    it('refuses a consumer whose agreements do not grant persons, even with every other dataset', async () => {
      const noPersons = await consumer('Results-only CDC', ['observations', 'cases', 'presence']);
      const response = await app.inject({
        url: `/api/v1/persons/${personId}/timeline`,
        headers: noPersons.headers,
      });
      expect(response.statusCode).toBe(403);
      const undeclared = await app.inject({
        url: `/api/v1/persons/${personId}/timeline`,
        headers: { authorization: noPersons.headers.authorization },
      });
      expect(undeclared.statusCode).toBe(403);
      expect(undeclared.json().detail).toContain('no x-purpose-of-use header');
    });

    it('shows staff every section and withholds nothing', async () => {
      await f.identity.users.createUser({
        username: 'epi-1',
        displayName: '流调员',
        role: 'epidemiologist',
        password: 'a long test passphrase',
      });
      const { token } = await f.identity.auth.login('epi-1', 'a long test passphrase', '127.0.0.1');
      const response = await app.inject({
        url: `/api/v1/persons/${personId}/timeline`,
        headers: { authorization: `Bearer ${token}` },
      });
      const body = response.json() as TimelineBody;
      expect(body.entries.map((e) => e.kind).sort()).toEqual([
        'case',
        'lab-result',
        'presence',
        'record-linked',
      ]);
      expect(body.withheld).toEqual([]);
      expect(body.entries.find((e) => e.kind === 'record-linked')!.detail.recordKey).toBe('tl-lab|TP1');
    });
  },
  { migrations: hubTestMigrations },
);
