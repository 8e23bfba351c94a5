import { describe, expect, it } from 'vitest';
import { formatAmount, timeLeft } from './runtime.js';

describe('progress bar text', () => {
  it('estimates the time left from the average rate since the start', () => {
    // A quarter done in 60 s: three quarters left at the same rate is 180 s.
    expect(timeLeft(60_000, 25, 100)).toBe('3m00s left');
    expect(timeLeft(10_000, 50, 100)).toBe('10s left');
  });

  it('gives no estimate before there is a rate, and says done at the end', () => {
    expect(timeLeft(500, 10, 100)).toBe('…');
    expect(timeLeft(5_000, 0, 100)).toBe('…');
    expect(timeLeft(5_000, 100, 100)).toBe('done');
  });

  it('shows bytes in MiB and counts as they are', () => {
    expect(formatAmount(226_088_890, 'bytes')).toBe('215.6 MiB');
    expect(formatAmount(42, 'items')).toBe('42');
  });
});
