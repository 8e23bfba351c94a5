import { describe, expect, it } from 'vitest';
import type { LabResultRecord, PersonRecord } from '../core/index.js';
import { futureDateIssue } from './future-dates.js';

const now = new Date('2026-03-01T08:00:00Z');

function person(birthDate: string): PersonRecord {
  return { kind: 'person', identifiers: [], invalidIdentifiers: [], birthDate } as unknown as PersonRecord;
}

function result(specimenCollectedAt: string, resultedAt?: string): LabResultRecord {
  return {
    kind: 'lab-result',
    specimenCollectedAt,
    ...(resultedAt ? { resultedAt } : {}),
  } as unknown as LabResultRecord;
}

describe('dates in the future', () => {
  it('refuses a birth date after today, naming the FHIR element or the CSV column', () => {
    expect(futureDateIssue(person('2030-05-01'), true, now)).toMatchObject({ field: 'birthDate' });
    expect(futureDateIssue(person('2030-05-01'), false, now)).toMatchObject({
      field: 'birth_date',
      reason: expect.stringContaining('2030-05-01 is in the future'),
    });
    expect(futureDateIssue(person('2031'), true, now)).not.toBeNull();
    expect(futureDateIssue(person('1990-03-07'), true, now)).toBeNull();
  });

  it('takes today anywhere on Earth, and a day of clock skew, as not the future', () => {
    // Already 2 March east of UTC+8 when it is 1 March 08:00 UTC.
    expect(futureDateIssue(person('2026-03-02'), true, now)).toBeNull();
    expect(futureDateIssue(result('2026-03-02T07:00:00Z'), true, now)).toBeNull();
    expect(futureDateIssue(result('2026-03-02T09:00:00Z'), true, now)).toMatchObject({
      field: 'effectiveDateTime',
    });
  });

  it('checks each dated field of a result', () => {
    expect(futureDateIssue(result('2026-02-28T08:00:00Z', '2099-02-28T20:00:00Z'), false, now)).toMatchObject(
      {
        field: 'resulted_at',
      },
    );
  });
});
