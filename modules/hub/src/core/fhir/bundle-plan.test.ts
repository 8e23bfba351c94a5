import { describe, expect, it } from 'vitest';
import { planBundle, resolveReferences } from './bundle-plan.js';
import { batchResponse, failedEntry, transactionResponse } from './bundle-response.js';
import { context, patient, pcrObservation } from './fixtures.test-data.js';

const patientUrn = 'urn:uuid:0b6f3a4e-8c1d-4f5a-9a2b-1c3d4e5f6a7b';
let counter = 0;
const bundleContext = { ...context, newId: () => `id-${++counter}` };

function transaction(entries: unknown[], type = 'transaction') {
  return { resourceType: 'Bundle', type, entry: entries };
}
const { id: _, ...newPatient } = patient;
const createPatient = {
  fullUrl: patientUrn,
  resource: newPatient,
  request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=urn:shuzhi:source:lab-7|PAT-000123' },
};
const createResult = {
  resource: { ...pcrObservation, subject: { reference: patientUrn } },
  request: { method: 'POST', url: 'Observation' },
};

describe('transaction Bundles', () => {
  it('assign ids, map urn:uuid fullUrls to them, and parse conditional creates', () => {
    counter = 0;
    const planning = planBundle(transaction([createResult, createPatient]), bundleContext);
    expect(planning.ok).toBe(true);
    if (!planning.ok) return;
    const { plan } = planning;
    expect(plan.entries.map((e) => [e.index, e.method, e.resourceType, e.id])).toEqual([
      [0, 'POST', 'Observation', 'id-1'],
      [1, 'POST', 'Patient', 'id-2'],
    ]);
    expect(plan.placeholders.get(patientUrn)).toBe('Patient/id-2');
    expect(plan.entries[1]!.ifNoneExist?.tokens.identifier).toEqual([
      [{ system: 'urn:shuzhi:source:lab-7', code: 'PAT-000123' }],
    ]);
    const observation = plan.entries[0]!;
    expect(observation.record).toMatchObject({ kind: 'lab-result', subject: { reference: patientUrn } });
    // The conditional create found an existing patient: every reference follows it.
    const resolved = new Map(plan.placeholders).set(patientUrn, 'Patient/existing-9');
    expect(resolveReferences(observation.record, resolved)).toMatchObject({
      subject: { reference: 'Patient/existing-9' },
    });
    expect(resolveReferences(observation.resource, resolved)).toMatchObject({
      subject: { reference: 'Patient/existing-9' },
    });
  });

  it('process DELETE, then POST, then PUT, then GET', () => {
    const planning = planBundle(
      transaction([
        {
          request: { method: 'GET', url: 'Observation?subject=Patient/pat-1&code=http://loinc.org|94500-6' },
        },
        { resource: patient, request: { method: 'PUT', url: 'Patient/pat-1' } },
        { request: { method: 'DELETE', url: 'Observation/old-1' } },
        createPatient,
      ]),
      bundleContext,
    );
    expect(planning.ok && planning.plan.entries.map((e) => e.method)).toEqual([
      'DELETE',
      'POST',
      'PUT',
      'GET',
    ]);
  });

  it('are rejected whole when one entry is invalid, naming the entry and element', () => {
    const badResult = { ...createResult, resource: { ...createResult.resource, status: 'done' } };
    const planning = planBundle(transaction([createPatient, badResult]), bundleContext);
    expect(planning).toEqual({
      ok: false,
      issues: [
        {
          severity: 'error',
          code: 'code-invalid',
          expression: 'Bundle.entry[1].resource.status',
          diagnostics:
            'must be one of registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown',
          reasonCode: 'one-of',
          reasonParams: {
            values:
              'registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown',
          },
        },
      ],
    });
  });

  it('refuse a reference to a urn:uuid that no entry carries', () => {
    const planning = planBundle(transaction([createResult]), bundleContext);
    expect(planning.ok ? [] : planning.issues.map((i) => `${i.expression}: ${i.diagnostics}`)).toEqual([
      `Bundle.entry[0].resource.subject.reference: ${patientUrn} matches no entry's fullUrl in this transaction`,
    ]);
  });

  it('check requests: method, url against the resource, PUT ids, duplicate fullUrls', () => {
    const issuesOf = (entries: unknown[]) => {
      const planning = planBundle(transaction(entries), bundleContext);
      return planning.ok ? [] : planning.issues.map((i) => `${i.expression}: ${i.diagnostics}`);
    };
    expect(issuesOf([{ resource: patient, request: { method: 'PATCH', url: 'Patient/pat-1' } }])).toEqual([
      'Bundle.entry[0].request.method: PATCH is not supported',
    ]);
    expect(issuesOf([{ resource: patient, request: { method: 'POST', url: 'Observation' } }])).toEqual([
      'Bundle.entry[0].resource.resourceType: must be Observation, as in request.url',
    ]);
    expect(issuesOf([{ resource: patient, request: { method: 'PUT', url: 'Patient/other' } }])).toEqual([
      'Bundle.entry[0].resource.id: must be other, the id in request.url',
    ]);
    expect(issuesOf([createPatient, { ...createPatient }])).toEqual([
      `Bundle.entry[1].fullUrl: ${patientUrn} appears in more than one entry`,
    ]);
    expect(issuesOf([{ resource: patient }])).toEqual([
      'Bundle.entry[0].request: request is required in a transaction or batch',
    ]);
  });
});

describe('batch Bundles', () => {
  it('plan each entry on its own and refuse references between entries', () => {
    const badResult = {
      ...createResult,
      resource: { ...createResult.resource, subject: { reference: 'Patient/pat-1' }, status: 'done' },
    };
    const planning = planBundle(
      transaction([createPatient, badResult, createResult], 'batch'),
      bundleContext,
    );
    expect(planning.ok).toBe(true);
    if (!planning.ok) return;
    expect(planning.plan.entries.map((e) => e.index)).toEqual([0]);
    expect(planning.plan.rejected.map((r) => [r.index, r.issues[0]?.expression])).toEqual([
      [1, 'Bundle.entry[1].resource.status'],
      [2, 'Bundle.entry[2].resource.subject.reference'],
    ]);
  });

  it('refuse other Bundle types', () => {
    expect(
      planBundle({ resourceType: 'Bundle', type: 'collection', entry: [] }, bundleContext),
    ).toMatchObject({
      ok: false,
      issues: [{ expression: 'Bundle.type', code: 'not-supported' }],
    });
  });
});

describe('response Bundles', () => {
  it('answer each entry in order with status, location, ETag and outcome', () => {
    expect(
      transactionResponse([
        {
          status: 201,
          location: 'Patient/id-2/_history/1',
          version: '1',
          lastModified: '2022-03-05T12:00:00.000Z',
        },
        { status: 200, location: 'Observation/id-1/_history/3', version: '3' },
      ]),
    ).toEqual({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [
        {
          response: {
            status: '201 Created',
            location: 'Patient/id-2/_history/1',
            etag: 'W/"1"',
            lastModified: '2022-03-05T12:00:00.000Z',
          },
        },
        { response: { status: '200 OK', location: 'Observation/id-1/_history/3', etag: 'W/"3"' } },
      ],
    });
    const failed = batchResponse([
      failedEntry([
        {
          severity: 'error',
          code: 'value',
          expression: 'Bundle.entry[0].resource.status',
          diagnostics: 'bad',
        },
      ]),
    ]);
    expect(failed).toMatchObject({
      type: 'batch-response',
      entry: [
        {
          response: {
            status: '400 Bad Request',
            outcome: {
              resourceType: 'OperationOutcome',
              issue: [{ expression: ['Bundle.entry[0].resource.status'] }],
            },
          },
        },
      ],
    });
  });
});
