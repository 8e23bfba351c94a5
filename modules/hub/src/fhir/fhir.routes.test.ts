import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { dataHubFixture, patientLine } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';
import { fhirRoutes } from './fhir.routes.js';

describeEachDatabase(
  'FHIR routes',
  (getDatabase) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      app.decorateRequest('ctx', null as unknown as AccessContext);
      app.addHook('onRequest', async (request) => {
        request.ctx = ctx;
      });
      await app.register(fhirRoutes, { fhir: hub.data.fhir, imports: hub.imports, softwareVersion: 'test' });
    });
    afterAll(async () => app.close());

    it('tells a client that sends NDJSON to $import as application/fhir+json which type to use', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/fhir/r4/$import?wait=true',
        headers: { 'content-type': 'application/fhir+json' },
        payload: `${patientLine('rt-p1')}\n${patientLine('rt-p2')}\n`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('application/fhir+ndjson');
    });

    it('answers a resource sent as text/plain with 415', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/fhir/r4/Patient',
        headers: { 'content-type': 'text/plain' },
        payload: patientLine('rt-p3'),
      });
      expect(response.statusCode).toBe(415);
    });
  },
  { migrations: hubTestMigrations },
);
