/**
 * The OpenAPI 3.1 document, generated from the routes' Zod schemas and served at /api/v1/openapi.json.
 * A copy is committed (apps/server/openapi.json) and a test fails when it drifts from the code.
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const OPENAPI_PATH = '/api/v1/openapi.json';

export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shuzhi (数治) API',
        version,
        description:
          'Epidemic digital governance platform: data hub, health codes, contact tracing, early warning, field operations and citizen services.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sz_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
}

/** Registers the route serving the document; call after every other route is registered. */
export function openApiRoute(app: FastifyInstance): void {
  app.get(
    OPENAPI_PATH,
    { schema: { hide: true }, config: { access: { public: true, resource: 'openapi' } } },
    async () => app.swagger(),
  );
}
