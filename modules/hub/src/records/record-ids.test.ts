import { describe, expect, it } from 'vitest';
import { isFhirId, looksGenerated, newRecordId } from './record-ids.js';

describe('record ids', () => {
  it('tells every id the platform generates by its form, and a source’s usual ids not', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newRecordId(['pat', 'obs', 'cnd', 'res'][i % 4]!);
      expect(isFhirId(id)).toBe(true);
      expect(looksGenerated(id), id).toBe(true);
    }
    for (const id of [
      'p-0001',
      'o-0002',
      'MRN-1',
      'lab-p-77',
      'pat-0123456789abcdefghi',
      'pat-0123456789ABCDEFGHIJ',
    ])
      expect(looksGenerated(id), id).toBe(false);
    // l and o are not in the id alphabet.
    expect(looksGenerated('pat-0123456789abcdefghjl')).toBe(false);
  });
});
