import { describe, expect, it } from 'vitest';
import { endOfDayInShanghai } from './expiry';

describe('an agreement chosen to run until a date', () => {
  it('ends at the close of that day in Shanghai, not at 08:00 on it', () => {
    expect(endOfDayInShanghai('2027-06-30')).toBe('2027-06-30T15:59:59.999Z');
  });

  it('still covers the evening of the day named, in Shanghai', () => {
    const evening = new Date('2027-06-30T22:00:00+08:00').toISOString();
    expect(evening < endOfDayInShanghai('2027-06-30')).toBe(true);
  });
});
