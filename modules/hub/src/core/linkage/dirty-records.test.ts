import { describe, expect, it } from 'vitest';
import { checkResidentId } from '../identifiers/resident-id.js';
import { generateDirtyRecords } from './dirty-records.js';

describe('dirty synthetic records', () => {
  const data = generateDirtyRecords({ records: 3000, seed: 8 });

  it('is reproducible from its seed', () => {
    expect(generateDirtyRecords({ records: 3000, seed: 8 }).records).toEqual(data.records);
  });

  it('gives every record a true person, in both truth shapes', () => {
    expect(data.truth.size).toBe(data.records.length);
    expect(data.truthRows).toHaveLength(data.records.length);
    expect(new Set(data.truth.values()).size).toBe(data.persons);
  });

  it('contains the slips linkage must survive: broken IDs, pinyin names, several records per person', () => {
    const ids = data.records.flatMap((r) => (r.residentId ? [checkResidentId(r.residentId).valid] : []));
    const broken = ids.filter((valid) => !valid).length / ids.length;
    expect(broken).toBeGreaterThan(0.005);
    expect(broken).toBeLessThan(0.05);
    expect(data.records.some((r) => r.name && /^[A-Za-z ,]+$/.test(r.name))).toBe(true);
    expect(data.records.length / data.persons).toBeGreaterThan(1.5);
  });
});
