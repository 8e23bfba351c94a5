import { describe, expect, it } from 'vitest';
import { formatDelay } from './delay';

/** A stand-in for i18next's `t` with the English strings: `{{n}} min`, `{{n}} h`, `{{n}} d`. */
const t = (key: string, options?: Record<string, unknown>) =>
  `${String(options?.n)} ${{ 'hub.sources.minutes': 'min', 'hub.sources.hours': 'h', 'hub.sources.days': 'd' }[key] ?? key}`;

describe('a source’s typical delay', () => {
  it('is written in minutes, hours or days, whichever reads at a glance', () => {
    expect(formatDelay(null, t, 'en')).toBe('—');
    expect(formatDelay(3.5, t, 'en')).toBe('3.5 min');
    expect(formatDelay(2932.2, t, 'en')).toBe('2 d');
    expect(formatDelay(150, t, 'en')).toBe('2.5 h');
    expect(formatDelay(2_790_327.2, t, 'en')).toBe('1,937.7 d');
  });
});
