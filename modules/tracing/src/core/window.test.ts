// The infectious window: 2 days before onset (or first positive specimen) to isolation or now.
import { AppError } from '@shuzhi/core';
import { describe, expect, it } from 'vitest';
import { parseContactRules } from './rules-schema.js';
import { infectiousWindow } from './window.js';

const t = (text: string): number => Date.parse(text);

describe('infectious window', () => {
  it('opens two days before symptom onset and closes at isolation', () => {
    expect(
      infectiousWindow({
        onset: t('2022-04-10T08:00:00Z'),
        isolation: t('2022-04-11T20:00:00Z'),
        now: t('2022-04-12T00:00:00Z'),
      }),
    ).toEqual({
      from: t('2022-04-08T08:00:00Z'),
      to: t('2022-04-11T20:00:00Z'),
    });
  });

  it('uses the first positive specimen when there is no onset (asymptomatic), and runs to now without isolation', () => {
    expect(
      infectiousWindow({ firstPositiveSpecimen: t('2022-04-10T08:00:00Z'), now: t('2022-04-12T00:00:00Z') }),
    ).toEqual({
      from: t('2022-04-08T08:00:00Z'),
      to: t('2022-04-12T00:00:00Z'),
    });
  });

  it('prefers the onset when both are known', () => {
    const window = infectiousWindow({
      onset: t('2022-04-09T00:00:00Z'),
      firstPositiveSpecimen: t('2022-04-10T00:00:00Z'),
      now: t('2022-04-12T00:00:00Z'),
    });
    expect(window.from).toBe(t('2022-04-07T00:00:00Z'));
  });

  it('takes the days before onset from the pathogen’s rules', () => {
    const rules = parseContactRules({ daysBeforeOnset: 4 });
    expect(
      infectiousWindow({ onset: t('2022-04-10T00:00:00Z'), now: t('2022-04-12T00:00:00Z'), rules }).from,
    ).toBe(t('2022-04-06T00:00:00Z'));
  });

  it('rejects a case with neither onset nor specimen, naming the field', () => {
    expect(() => infectiousWindow({ now: 0 })).toThrow(AppError);
    try {
      infectiousWindow({ now: 0 });
    } catch (error) {
      expect((error as AppError).issues).toEqual([
        { record: 'case', field: 'onset', reason: expect.stringContaining('onset') },
      ]);
    }
  });

  it('rejects an isolation at or before the window opens', () => {
    expect(() =>
      infectiousWindow({
        onset: t('2022-04-10T00:00:00Z'),
        isolation: t('2022-04-08T00:00:00Z'),
        now: t('2022-04-12T00:00:00Z'),
      }),
    ).toThrow(/isolation/);
  });
});
