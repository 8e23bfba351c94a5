/**
 * A data source that corrects one of its records reads the correction back: its persons list shows the person
 * as its newest submission states them (the corrected record, not another of its records linked later), says
 * it was last submitted then, and sorts it there.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, type Json } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { factsRoutes } from './facts.routes.js';

const birthDate = '1960-01-15';
const residentId = composeResidentId('430202', birthDate, '013');
const patient = (id: string, name: string, phone?: string): Json => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
  name: [{ text: name }],
  gender: 'male',
  birthDate,
  ...(phone ? { telecom: [{ system: 'phone', value: phone }] } : {}),
});

interface Listed {
  id: string;
  name: string;
  recordNumbers: string[];
  lastLinkedAt: string;
}

describeEachDatabase(
  'a data source’s corrected record read back',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let lab: { id: string; apiKey: string };

    const list = async (query: string): Promise<Listed[]> => {
      const response = await app.inject({
        url: `/api/v1/submissions/persons?${query}`,
        headers: { authorization: `Bearer ${lab.apiKey}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as Listed[];
    };

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(factsRoutes, { facts: f.hub.data.facts });
      await app.ready();
      lab = await f.hub.sources.addSource({ name: 'Correcting Lab', type: 'lab', areaCode: '4302' });
    });
    afterAll(async () => app?.close());

    it('shows the person as the corrected record states them, submitted when it was corrected', async () => {
      const ctx = sourceContext(lab.id, f.clock);
      const put = async (id: string, name: string, phone?: string) => {
        const answer = await f.hub.data.fhir.update(ctx, {
          type: 'Patient',
          id,
          body: patient(id, name, phone),
        });
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      };
      // Two records of one man (his ID on both), under two spellings.
      await put('rec-1', '王五');
      f.clock.advanceMinutes(5);
      await put('rec-2', '王伍');
      f.clock.advanceMinutes(5);
      // Another man, submitted after both.
      await f.hub.data.fhir.create(ctx, 'Patient', {
        resourceType: 'Patient',
        name: [{ text: '李四' }],
        gender: 'male',
        birthDate: '1970-02-02',
      });
      f.clock.advanceMinutes(5);
      const correctedAt = f.clock.now().toISOString();
      // The lab corrects its first record (the name and a phone): the correction is its newest submission.
      await put('rec-1', '王武', '13811112222');

      const [first] = await list('sort=linked&order=desc');
      expect(first).toMatchObject({ name: '王武', lastLinkedAt: correctedAt });
      expect(first!.recordNumbers.sort()).toEqual(['rec-1', 'rec-2']);
      expect((await list(`q=${residentId}`))[0]).toMatchObject({ name: '王武', lastLinkedAt: correctedAt });
    });
  },
  { migrations: hubTestMigrations },
);
