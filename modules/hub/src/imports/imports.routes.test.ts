import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { dataHubFixture, patientLine } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';
import { importsRoutes } from './imports.routes.js';

/** The imports routes alone, every request acting as the fixture's context (no gatekeeper here). */
async function importsApp(database: Parameters<typeof dataHubFixture>[0]) {
  const { hub, ctx } = dataHubFixture(database);
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('ctx', null as unknown as AccessContext);
  app.addHook('onRequest', async (request) => {
    request.ctx = ctx;
  });
  await app.register(importsRoutes, { imports: hub.imports });
  return { app, hub };
}

const bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      resource: { resourceType: 'Patient', id: 'ct-p1', name: [{ text: '病人' }], gender: 'female' },
      request: { method: 'PUT', url: 'Patient/ct-p1' },
    },
  ],
};

describeEachDatabase(
  'imports over HTTP',
  (getDatabase) => {
    let app: FastifyInstance;
    let labResultsExample: string;
    beforeAll(async () => {
      const built = await importsApp(getDatabase());
      app = built.app;
      labResultsExample = built.hub.imports.template('lab-results')!.example;
    });
    afterAll(async () => app.close());

    const upload = (kind: string, contentType: string, payload: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=${kind}&wait=true`,
        headers: { 'content-type': contentType },
        payload,
      });

    it('takes a FHIR Bundle file sent as application/fhir+json, as a FHIR client sends it', async () => {
      const response = await upload('fhir', 'application/fhir+json', JSON.stringify(bundle));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'accepted', accepted: 1 });
    });

    it('takes a file sent as application/octet-stream, as generic upload tools send it, streamed or read whole', async () => {
      const ndjson = await upload('fhir', 'application/octet-stream', `${patientLine('ct-p2')}\n`);
      expect(ndjson.statusCode, ndjson.body).toBe(200);
      expect(ndjson.json()).toMatchObject({ status: 'accepted', accepted: 1 });
      const csv = await upload('lab-results', 'application/octet-stream', labResultsExample);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.json()).toMatchObject({ kind: 'lab-results', status: 'accepted', total: 1 });
    });
  },
  { migrations: hubTestMigrations },
);
