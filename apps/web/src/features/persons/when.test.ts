import { describe, expect, it } from 'vitest';
import { formatWhen } from './when';

describe('times on the person timeline', () => {
  it('shows a date-only value as that date, with no hour (not UTC midnight in Shanghai)', () => {
    expect(formatWhen('2021-08-20', 'zh-CN')).toBe('2021/08/20');
    expect(formatWhen('2021-08-20', 'en')).toBe('08/20/2021');
    expect(formatWhen('2021-12-31', 'zh-CN')).toBe('2021/12/31');
  });

  it('shows an instant in Asia/Shanghai with its time', () => {
    expect(formatWhen('2021-08-20T00:00:00Z', 'zh-CN')).toBe('2021/08/20 08:00');
    expect(formatWhen('2026-03-01T08:10:00+08:00', 'zh-CN')).toBe('2026/03/01 08:10');
  });

  it('keeps a partial date as given, and a missing one as a dash', () => {
    expect(formatWhen('2021-08', 'zh-CN')).toBe('2021-08');
    expect(formatWhen('2021', 'en')).toBe('2021');
    expect(formatWhen(null, 'en')).toBe('—');
  });
});
