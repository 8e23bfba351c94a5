/** Writes the OpenAPI document generated from the code to apps/server/openapi.json (commit the result). */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOpenApiDocument } from '../src/openapi-document.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');
writeFileSync(target, `${JSON.stringify(await generateOpenApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
