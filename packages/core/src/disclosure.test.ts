import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disclose, maskIdentifier, maskName, maskPhone } from './disclosure.js';

describe('masking', () => {
  it('keeps the area and the last four characters of an ID number', () => {
    expect(maskIdentifier('430202199003074571')).toBe('430202********4571');
    expect(maskIdentifier('USA:X1234567')).toBe('US******4567');
  });

  it('masks phones and names as Chinese services print them', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('John Smith')).toBe('J*** S****');
  });

  it('never returns the value in clear unless the field is disclosed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        expect(disclose(new Set(), 'identifiers', id)).not.toBe(id);
        expect(disclose(new Set(['identifiers']), 'identifiers', id)).toBe(id);
      }),
    );
  });
});
