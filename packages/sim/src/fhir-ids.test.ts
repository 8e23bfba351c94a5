import { describe, expect, it } from 'vitest';
import { encounter, fhirId, location } from './fhir-resources.js';

describe('FHIR ids', () => {
  it('are valid R4 ids even for venue ids with underscores, and references match them', () => {
    const loc = location({
      id: '430211-fever_clinic-0001',
      name: '发热门诊',
      organizationId: 'h430211',
      lon: 113.1,
      lat: 27.8,
    });
    expect(loc['id']).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
    expect((loc['identifier'] as { value: string }[])[0]!.value).toBe('430211-fever_clinic-0001');
    const enc = encounter({
      id: 'e1',
      patientId: 'p1',
      organizationId: 'h430211',
      start: '2026-03-02T08:00:00+08:00',
      end: '2026-03-02T09:00:00+08:00',
      locationId: '430211-fever_clinic-0001',
    });
    expect(JSON.stringify(enc)).toContain(`"Location/${String(loc['id'])}"`);
    expect(fhirId('a_b:c')).toBe('a-b-c');
  });
});
