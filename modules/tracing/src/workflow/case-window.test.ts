import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { defaultContactRules } from '../core/index.js';
import { caseInstant, caseWindow } from './case-window.js';

const now = Date.parse('2026-03-10T00:00:00Z');
const rules = defaultContactRules;

describe('infectious window of a hub case', () => {
  it('reads an onset date as midnight China time and opens the window two days before it', () => {
    const window = caseWindow({ id: 'c1', onset: '2026-03-05', firstPositiveSpecimen: null }, { now, rules });
    expect(new Date(window.from).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(window.to).toBe(now);
  });

  it('prefers the onset to the specimen, and uses the specimen of an asymptomatic case', () => {
    const both = caseWindow(
      { id: 'c2', onset: '2026-03-05T10:00:00+08:00', firstPositiveSpecimen: '2026-03-01T00:00:00Z' },
      { now, rules },
    );
    expect(new Date(both.from).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    const asymptomatic = caseWindow(
      { id: 'c3', onset: null, firstPositiveSpecimen: '2026-03-06T04:48:00.000Z' },
      { now, rules },
    );
    expect(new Date(asymptomatic.from).toISOString()).toBe('2026-03-04T04:48:00.000Z');
  });

  it('ends the window at isolation when it is known', () => {
    const isolation = Date.parse('2026-03-06T12:00:00Z');
    const window = caseWindow(
      { id: 'c4', onset: '2026-03-05', firstPositiveSpecimen: null },
      { isolation, now, rules },
    );
    expect(window.to).toBe(isolation);
  });

  it('asks for a window when the case has neither onset nor specimen, naming the case and field', () => {
    const attempt = () => caseWindow({ id: 'c5', onset: null, firstPositiveSpecimen: null }, { now, rules });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/case c5, field onset/);
  });

  it('rejects a time that is neither a date nor an instant', () => {
    expect(() => caseInstant('yesterday', 'onset', 'c6')).toThrow(/case c6, field onset/);
  });
});
