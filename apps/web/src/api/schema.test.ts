import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, OPENAPI_FILE, TYPES_FILE } from '../../scripts/generate-api-types';

describe('the web API types', () => {
  it('are generated from the committed OpenAPI document (run `npm run openapi` if this fails)', () => {
    const expected = generateApiTypes(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(expected);
  });
});
