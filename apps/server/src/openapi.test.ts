import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from './openapi-document.js';

describe('the committed OpenAPI document', () => {
  it('matches what the code generates (run `npm run openapi` and commit if this fails)', async () => {
    const committed = JSON.parse(
      readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json'), 'utf8'),
    );
    const generated = await generateOpenApiDocument();
    expect(generated).toEqual(committed);
  });

  it('is OpenAPI 3.1 and documents every API route with a schema', async () => {
    const document = (await generateOpenApiDocument()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses?: object }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/audit/verify', '/healthz']),
    );
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.responses, `${method} ${path}`).toBeDefined();
      }
    }
  });
});
