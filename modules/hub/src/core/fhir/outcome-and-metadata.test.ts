import fc from 'fast-check';
import { AppError, errorCodes, invalidField, type ErrorCode } from '@shuzhi/core';
import { describe, expect, it } from 'vitest';
import { buildCapabilityStatement } from './capability-statement.js';
import { NdjsonReader, parseNdjson } from './ndjson.js';
import { operationOutcome, operationOutcomeOfError } from './operation-outcome.js';

describe('OperationOutcome', () => {
  it('lists each issue with severity, type, diagnostics and expression', () => {
    expect(
      operationOutcome([
        {
          severity: 'error',
          code: 'required',
          expression: 'Bundle.entry[2].resource.subject',
          diagnostics: 'subject is required',
        },
      ]),
    ).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'required',
          diagnostics: 'subject is required',
          expression: ['Bundle.entry[2].resource.subject'],
        },
      ],
    });
    expect(operationOutcome([]).issue[0]).toMatchObject({ severity: 'information', code: 'informational' });
  });

  it('speaks for any AppError: the record in the diagnostics, the field as the expression', () => {
    expect(operationOutcomeOfError(invalidField(3, 'resource.status', 'unknown status')).issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'entry 3: unknown status',
        expression: ['resource.status'],
      },
    ]);
    expect(
      operationOutcomeOfError(new AppError('not_found', 'Patient/9 not found or no access')).issue,
    ).toEqual([{ severity: 'error', code: 'not-found', diagnostics: 'Patient/9 not found or no access' }]);
  });

  it('gives every error code its FHIR issue type, internal errors included', () => {
    const typeOf = (code: ErrorCode) => operationOutcomeOfError(new AppError(code, 'x')).issue[0]!.code;
    expect(errorCodes.map((code) => [code, typeOf(code)])).toEqual([
      ['invalid_input', 'invalid'],
      ['unauthenticated', 'login'],
      ['forbidden', 'forbidden'],
      ['not_found', 'not-found'],
      ['conflict', 'conflict'],
      ['gone', 'deleted'],
      ['content_too_large', 'too-costly'],
      ['too_many_requests', 'throttled'],
      ['overloaded', 'transient'],
      ['unavailable', 'transient'],
      ['internal', 'exception'],
    ]);
    expect(operationOutcomeOfError(new AppError('internal', 'internal error')).issue[0]!.severity).toBe(
      'error',
    );
  });
});

describe('CapabilityStatement', () => {
  it('lists every supported type with interactions and search parameters, and transaction and batch', () => {
    const statement = buildCapabilityStatement({
      baseUrl: 'http://localhost:8080/fhir/r4',
      softwareVersion: '0.1.0',
      date: '2022-03-05',
    }) as {
      fhirVersion: string;
      rest: {
        resource: { type: string; searchParam: { name: string }[] }[];
        interaction: { code: string }[];
        operation: { name: string; definition: string }[];
        security: { description: string };
      }[];
    };
    expect(statement.fhirVersion).toBe('4.0.1');
    // A consumer's developer learns of $import and of the purpose header from the statement itself.
    expect(statement.rest[0]!.operation.map((o) => o.name)).toEqual(['import']);
    expect(statement.rest[0]!.security.description).toContain('X-Purpose-Of-Use');
    const rest = statement.rest[0]!;
    expect(rest.resource.map((r) => r.type)).toEqual([
      'Patient',
      'Observation',
      'Condition',
      'Encounter',
      'Immunization',
      'Organization',
      'Location',
    ]);
    expect(rest.resource.find((r) => r.type === 'Observation')?.searchParam.map((p) => p.name)).toEqual([
      '_id',
      '_lastUpdated',
      'identifier',
      'subject',
      'patient',
      'code',
      'date',
    ]);
    expect(rest.interaction).toEqual([{ code: 'transaction' }, { code: 'batch' }]);
  });
});

describe('NDJSON', () => {
  it('gives each line its value or error with its line number, skipping blank lines', () => {
    expect(parseNdjson('{"a":1}\r\n\n{"b":\n[1,2]')).toEqual([
      { line: 1, value: { a: 1 } },
      {
        line: 3,
        error: expect.stringMatching(/^not valid JSON/),
        code: 'ndjson-json',
        params: { detail: expect.any(String) },
      },
      { line: 4, value: [1, 2] },
    ]);
  });

  it('reads the same values however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 15 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (values, cuts) => {
          const text = values.map((v) => JSON.stringify(v)).join('\n');
          const reader = new NdjsonReader();
          const items = [];
          let from = 0;
          for (const point of [
            ...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b),
            text.length,
          ]) {
            items.push(...reader.push(text.slice(from, point)));
            from = point;
          }
          items.push(...reader.end());
          expect(items.map((i) => ('value' in i ? i.value : i))).toEqual(
            values.map((v) => JSON.parse(JSON.stringify(v)) as unknown),
          );
        },
      ),
    );
  });

  it('refuses a line longer than the limit with its number, skips it, and reads on, however the file is cut', () => {
    const lines = ['{"a":1}', `{"long":"${'x'.repeat(40)}"}`, '{"b":2}', 'y'.repeat(25), '{"c":3}'];
    const text = lines.join('\n');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), (cuts) => {
        const reader = new NdjsonReader(20);
        const items = [];
        let from = 0;
        for (const point of [...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b), text.length]) {
          items.push(...reader.push(text.slice(from, point)));
          from = point;
        }
        items.push(...reader.end());
        expect(items).toEqual([
          { line: 1, value: { a: 1 } },
          {
            line: 2,
            error: expect.stringContaining('longer than 20 characters'),
            code: 'ndjson-line-too-long',
            params: { max: 20 },
          },
          { line: 3, value: { b: 2 } },
          {
            line: 4,
            error: expect.stringContaining('longer than 20 characters'),
            code: 'ndjson-line-too-long',
            params: { max: 20 },
          },
          { line: 5, value: { c: 3 } },
        ]);
      }),
    );
  });
});
