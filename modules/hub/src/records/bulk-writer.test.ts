import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postgresPayload, type BulkColumnType, type BulkTable } from './bulk-writer.js';

const table: BulkTable = {
  name: 't',
  columns: [
    ['label', 'text'],
    ['count', 'integer'],
    ['share', 'double'],
    ['flag', 'bool'],
    ['body', 'json'],
    ['parsed', 'json'],
  ] as const satisfies readonly (readonly [string, BulkColumnType])[],
};

const rows = fc.array(
  fc.record(
    {
      label: fc.option(fc.string(), { nil: undefined }),
      count: fc.option(fc.integer(), { nil: null }),
      share: fc.double({ noNaN: true, noDefaultInfinity: true }),
      flag: fc.boolean(),
      body: fc.jsonValue().map((v) => JSON.stringify(v)),
      // A string in a json column is JSON text, so values given parsed are anything but strings.
      parsed: fc.jsonValue().filter((v) => typeof v !== 'string'),
    },
    { requiredKeys: ['share', 'flag', 'body'] },
  ),
);

describe('PostgreSQL bulk payload', () => {
  it('holds every column of every row, json text embedded as the value it encodes, missing as null', () => {
    fc.assert(
      fc.property(rows, (list) => {
        const decoded = JSON.parse(postgresPayload(list, table)) as Record<string, unknown>[];
        const expected = list.map((row) => ({
          label: row.label ?? null,
          count: row.count ?? null,
          share: row.share,
          flag: row.flag,
          body: JSON.parse(row.body) as unknown,
          parsed: row.parsed ?? null,
        }));
        // Through JSON as PostgreSQL reads it (-0 is written 0).
        expect(decoded).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 300 },
    );
  });
});
