import { describe, expect, it } from 'vitest';
import { detectLanguage, hanShare } from './language.js';

describe('language detection', () => {
  it('reads Chinese text as zh even with Latin tokens in it', () => {
    expect(detectLanguage('株洲市新增COVID-19病例3例，测序为XBB.1.5')).toBe('zh');
  });

  it('reads English text as en even with a Chinese name in it', () => {
    expect(detectLanguage('An outbreak was reported in 株洲 (Zhuzhou), Hunan province, on Tuesday.')).toBe(
      'en',
    );
  });

  it('counts only letters: digits and punctuation do not tip the balance', () => {
    expect(hanShare('12345, 678!')).toBe(0);
    expect(hanShare('流感 2024')).toBe(1);
  });
});
