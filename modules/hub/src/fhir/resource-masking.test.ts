import { describe, expect, it } from 'vitest';
import { type AppError, type SensitiveField } from '@shuzhi/core';
import { assertSearchDisclosed, fieldSearchesOf } from '@shuzhi/identity';
import { parseSearchQuery } from '../core/index.js';
import { identifierSearchRefusal, maskResource } from './resource-masking.js';

const none = new Set<SensitiveField>();
const identifiers = new Set<SensitiveField>(['identifiers']);

function refusal(type: string, query: string, disclosed: ReadonlySet<SensitiveField>, source: string | null) {
  const parsed = parseSearchQuery(type, query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return identifierSearchRefusal(parsed.query, disclosed, source);
}

describe('search by identifier without identifiers disclosed', () => {
  it('is refused, naming the parameter, for a Patient and for a subject given by identifier', () => {
    expect(refusal('Patient', 'identifier=430203197211302183', none, null)).toMatchObject({
      code: 'forbidden',
      expression: 'identifier',
    });
    expect(
      refusal(
        'Observation',
        'subject:identifier=urn:shuzhi:id:cn-resident|430203197211302183',
        none,
        'lab-a',
      ),
    ).toMatchObject({ code: 'forbidden', expression: 'subject:identifier' });
    expect(
      refusal('Patient', 'identifier=urn:shuzhi:source:lab-b|P1,urn:shuzhi:source:lab-a|P1', none, 'lab-a'),
    ).toMatchObject({ expression: 'identifier' });
  });

  it('is refused by the same rule, in the same words, as a search of the JSON API', () => {
    let rest: AppError | null = null;
    try {
      assertSearchDisclosed(
        '/api/v1/persons?identifier=430203197211302183',
        fieldSearchesOf(undefined, 'persons'),
        none,
      );
    } catch (error) {
      rest = error as AppError;
    }
    expect(rest?.issues[0]?.reason).toBeTruthy();
    expect(refusal('Patient', 'identifier=430203197211302183', none, null)?.diagnostics).toBe(
      rest!.issues[0]!.reason,
    );
    // The value searched for is named nowhere in the refusal.
    expect(
      JSON.stringify(refusal('Observation', 'subject:identifier=430203197211302183', none, 'lab-a')),
    ).not.toContain('430203197211302183');
  });

  it("is allowed on a source's own record numbers, and to whoever sees identifiers", () => {
    expect(refusal('Patient', 'identifier=urn:shuzhi:source:lab-a|P1', none, 'lab-a')).toBeNull();
    expect(refusal('Patient', 'identifier=430203197211302183', identifiers, null)).toBeNull();
    expect(refusal('Observation', 'code=http://loinc.org|94500-6', none, null)).toBeNull();
  });
});

describe('masking a Patient', () => {
  const patient = {
    resourceType: 'Patient',
    identifier: [
      { system: 'urn:shuzhi:id:cn-resident', value: '430204197710127179' },
      { system: 'urn:shuzhi:source:community', value: '430204197710127179' },
    ],
    name: [{ text: '欧阳晓峰', family: '欧阳', given: ['晓峰'] }],
  };

  it('masks every identifier and leaves no given-name character', () => {
    const masked = maskResource(patient, none) as typeof patient;
    expect(masked.identifier.map((i) => i.value)).toEqual(['430204********7179', '430204********7179']);
    expect(masked.name[0]).toEqual({ text: '欧***', family: '欧*', given: ['**'] });
  });

  it('shows them in clear when disclosed', () => {
    const clear = maskResource(patient, new Set<SensitiveField>(['identifiers', 'name'])) as typeof patient;
    expect(clear).toEqual(patient);
  });
});
