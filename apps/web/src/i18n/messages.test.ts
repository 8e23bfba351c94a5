import { describe, expect, it } from 'vitest';
import { featureMessages } from '../features/messages';
import { en as shellEn } from './en';
import { zhCN as shellZh } from './zh-CN';

const en = { ...shellEn, ...Object.fromEntries(featureMessages.map((f) => [f.namespace, f.en])) };
const zhCN = { ...shellZh, ...Object.fromEntries(featureMessages.map((f) => [f.namespace, f.zhCN])) };

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as object).flatMap(leaves);
}

describe('user-interface strings', () => {
  it('give every feature its own namespace, not shadowing the shell', () => {
    const namespaces = featureMessages.map((f) => f.namespace);
    expect(new Set(namespaces).size).toBe(namespaces.length);
    for (const ns of namespaces) expect(shellEn).not.toHaveProperty(ns);
  });

  it('have the same keys in Simplified Chinese and English', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it('have no empty strings, and the Chinese ones are really Chinese', () => {
    for (const text of [...leaves(zhCN), ...leaves(en)]) expect(text.trim()).not.toBe('');
    const chinese = leaves(zhCN).filter((t) => /[\u4e00-\u9fff]/.test(t));
    expect(chinese.length / leaves(zhCN).length).toBeGreaterThan(0.9);
  });

  it('keep the same interpolation placeholders in both languages', () => {
    const placeholders = (t: string) => (t.match(/\{\{\w+\}\}/g) ?? []).sort().join(',');
    const enKeys = keysOf(en);
    const get = (obj: unknown, key: string) =>
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
    for (const key of enKeys)
      expect(placeholders(String(get(zhCN, key))), key).toBe(placeholders(String(get(en, key))));
  });
});
