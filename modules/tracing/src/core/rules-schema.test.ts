// Contact rules from configuration: partial overrides over DESIGN.md's defaults, rejected field by field.
import { AppError } from '@shuzhi/core';
import { describe, expect, it } from 'vitest';
import { defaultContactRules, tripRuleFor, venueRuleFor } from './rules.js';
import { parseContactRules } from './rules-schema.js';

describe('contact rules', () => {
  it('defaults to DESIGN.md: 2 days, 15 minutes, every venue type counting at venue level', () => {
    const rules = parseContactRules(undefined);
    expect(rules).toEqual(defaultContactRules);
    expect(venueRuleFor(rules, 'anything')).toEqual({
      counts: true,
      zoneRequired: false,
      minOverlapMinutes: 15,
    });
    expect(tripRuleFor(rules, 'flight')).toMatchObject({ scope: 'rows', maxRowDistance: 3 });
    expect(tripRuleFor(rules, 'train')).toMatchObject({ scope: 'carriage' });
  });

  it('merges a pathogen’s overrides over the defaults', () => {
    const rules = parseContactRules({
      minOverlapMinutes: 10,
      venueTypes: { mall: { zoneRequired: true }, hospital: { minOverlapMinutes: 30 } },
      trips: { byMode: { flight: { maxRowDistance: 2 }, ferry: { scope: 'vehicle' } } },
    });
    expect(venueRuleFor(rules, 'mall')).toEqual({ counts: true, zoneRequired: true, minOverlapMinutes: 10 });
    expect(venueRuleFor(rules, 'hospital')).toEqual({
      counts: true,
      zoneRequired: false,
      minOverlapMinutes: 30,
    });
    expect(tripRuleFor(rules, 'flight')).toEqual({
      counts: true,
      scope: 'rows',
      maxRowDistance: 2,
      unknownSeat: 'contact',
    });
    expect(tripRuleFor(rules, 'ferry')).toMatchObject({ scope: 'vehicle' });
    expect(tripRuleFor(rules, 'train')).toEqual(tripRuleFor(defaultContactRules, 'train'));
  });

  it('rejects invalid values, naming each field', () => {
    try {
      parseContactRules({
        minOverlapMinutes: -5,
        trips: { byMode: { bus: { scope: 'roof' } } },
        colour: 'red',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const fields = (error as AppError).issues.map((issue) => issue.field);
      expect(fields).toEqual(expect.arrayContaining(['minOverlapMinutes', 'trips.byMode.bus.scope']));
      expect(
        (error as AppError).issues.every(
          (issue) => issue.record === 'contact rules' && issue.reason.length > 0,
        ),
      ).toBe(true);
    }
  });
});
