import { describe, expect, it } from 'vitest';
import { roleDisclosure } from '@shuzhi/core';
import { clearFieldsByRole, seesInClear } from './clear-fields';

describe('what the persons page lets a role search and sort by', () => {
  it('follows the server: each role sees in clear what roleDisclosure grants it', () => {
    expect(clearFieldsByRole).toEqual(roleDisclosure);
  });

  it('lets a grid worker search by name but not by ID number or birth date', () => {
    expect(seesInClear('grid_worker', 'name')).toBe(true);
    expect(seesInClear('grid_worker', 'identifiers')).toBe(false);
    expect(seesInClear('grid_worker', 'birth_date')).toBe(false);
    expect(seesInClear(undefined, 'name')).toBe(false);
  });
});
