/**
 * Generates the web app's API types (src/api/schema.ts) from the committed OpenAPI document
 * (apps/server/openapi.json): for every path and method, the query, body and success-response types.
 * Run `npm run openapi` after changing routes; a test fails when this file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
}

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

function tsType(schema: Schema | undefined, indent = ''): string {
  if (!schema || Object.keys(schema).length === 0) return 'unknown';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => tsType(s, indent)).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => tsType(s, indent)).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return types.map((t) => tsType({ ...schema, type: t }, indent)).join(' | ');
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${tsType(schema.items, indent)}>`;
    case 'object':
    case undefined: {
      if (!schema.properties) {
        const extra =
          typeof schema.additionalProperties === 'object'
            ? tsType(schema.additionalProperties, indent)
            : 'unknown';
        return `Record<string, ${extra}>`;
      }
      const inner = `${indent}  `;
      const fields = Object.entries(schema.properties).map(([name, prop]) => {
        const optional = schema.required?.includes(name) ? '' : '?';
        return `${inner}${JSON.stringify(name)}${optional}: ${tsType(prop, inner)};`;
      });
      return `{\n${fields.join('\n')}\n${indent}}`;
    }
    default:
      return 'unknown';
  }
}

export function generateApiTypes(document: { paths: Record<string, Record<string, Operation>> }): string {
  const lines = [
    '// Generated from apps/server/openapi.json by apps/web/scripts/generate-api-types.ts — do not edit.',
    '/* eslint-disable */',
    'export interface ApiPaths {',
  ];
  for (const [path, operations] of Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${JSON.stringify(path)}: {`);
    for (const [method, op] of Object.entries(operations)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const queryType =
        query.length === 0
          ? 'never'
          : `{ ${query.map((p) => `${JSON.stringify(p.name)}${p.required ? '' : '?'}: ${tsType(p.schema, '      ')}`).join('; ')} }`;
      const body = op.requestBody?.content['application/json']?.schema;
      const success = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
      const response = success?.[1].content?.['application/json']?.schema;
      lines.push(`    ${method}: {`);
      lines.push(`      query: ${queryType};`);
      lines.push(`      body: ${body ? tsType(body, '      ') : 'never'};`);
      lines.push(`      response: ${response ? tsType(response, '      ') : 'null'};`);
      lines.push('    };');
    }
    lines.push('  };');
  }
  lines.push('}', '');
  return lines.join('\n');
}

const here = dirname(fileURLToPath(import.meta.url));
export const OPENAPI_FILE = join(here, '..', '..', 'server', 'openapi.json');
export const TYPES_FILE = join(here, '..', 'src', 'api', 'schema.ts');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(
    TYPES_FILE,
    generateApiTypes(
      JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Parameters<typeof generateApiTypes>[0],
    ),
  );
  process.stdout.write(`wrote ${TYPES_FILE}\n`);
}
