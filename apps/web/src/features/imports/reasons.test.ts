import { describe, expect, it } from 'vitest';
import { reasonCodes, reasonTexts } from '@shuzhi/hub';
import { reasonMessages } from './reasons';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the reasons of refused import lines', () => {
  it('translate every code the server can emit, in both languages, and no other', () => {
    expect(Object.keys(reasonMessages.en).sort()).toEqual([...reasonCodes].sort());
    expect(Object.keys(reasonMessages.zhCN).sort()).toEqual([...reasonCodes].sort());
    for (const code of reasonCodes)
      expect([code, reasonMessages.zhCN[code].trim() !== '']).toEqual([code, true]);
  });

  it('say in English what the API says', () => {
    for (const code of reasonCodes)
      expect([code, reasonMessages.en[code]]).toEqual([code, reasonTexts[code]]);
  });

  it('take the same parameters in Chinese as in English', () => {
    for (const code of reasonCodes)
      expect([code, placeholders(reasonMessages.zhCN[code])]).toEqual([
        code,
        placeholders(reasonTexts[code]),
      ]);
  });
});
