/**
 * Validation of contact rules coming from configuration or a request: a partial rules object (what a
 * pathogen profile overrides) merged over the defaults, with every problem named by field and reason.
 */
import { AppError } from '@shuzhi/core';
import { z } from 'zod';
import { defaultContactRules } from './rules.js';
import type { ContactRules, TripRule, VenueTypeRule } from './rules.js';

const minutes = z.number().finite().nonnegative();
const days = z.number().finite().nonnegative();

const venueTypeRule = z.strictObject({
  counts: z.boolean().default(true),
  minOverlapMinutes: minutes.optional(),
  zoneRequired: z.boolean().default(false),
});

const tripRule = z.strictObject({
  counts: z.boolean().optional(),
  scope: z.enum(['vehicle', 'carriage', 'rows']).optional(),
  maxRowDistance: z.number().int().nonnegative().optional(),
  unknownSeat: z.enum(['contact', 'no-contact']).optional(),
});

const rulesOverride = z.strictObject({
  daysBeforeOnset: days.optional(),
  daysBeforeSpecimen: days.optional(),
  minOverlapMinutes: minutes.optional(),
  venueTypes: z.record(z.string().min(1), venueTypeRule).optional(),
  trips: z
    .strictObject({
      byMode: z.record(z.string().min(1), tripRule).optional(),
      otherModes: tripRule.optional(),
    })
    .optional(),
  stays: z.strictObject({ counts: z.boolean() }).optional(),
  households: z.strictObject({ counts: z.boolean() }).optional(),
});

export type ContactRulesOverride = z.input<typeof rulesOverride>;

/** Rules from a partial override (JSON from config or a request) over `base` (default: DESIGN.md's). */
export function parseContactRules(input: unknown, base: ContactRules = defaultContactRules): ContactRules {
  const parsed = rulesOverride.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      record: 'contact rules',
      field: issue.path.map(String).join('.') || '(root)',
      reason: issue.message,
    }));
    throw new AppError(
      'invalid_input',
      `invalid contact rules: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
      {
        issues,
      },
    );
  }
  const o = parsed.data;
  const mergeTrip = (rule: z.infer<typeof tripRule> | undefined, onto: TripRule): TripRule => ({
    counts: rule?.counts ?? onto.counts,
    scope: rule?.scope ?? onto.scope,
    maxRowDistance: rule?.maxRowDistance ?? onto.maxRowDistance,
    unknownSeat: rule?.unknownSeat ?? onto.unknownSeat,
  });
  const byMode: Record<string, TripRule> = { ...base.trips.byMode };
  for (const [mode, rule] of Object.entries(o.trips?.byMode ?? {})) {
    byMode[mode] = mergeTrip(rule, base.trips.byMode[mode] ?? base.trips.otherModes);
  }
  const venueTypes: Record<string, VenueTypeRule> = { ...base.venueTypes, ...(o.venueTypes ?? {}) };
  return {
    daysBeforeOnset: o.daysBeforeOnset ?? base.daysBeforeOnset,
    daysBeforeSpecimen: o.daysBeforeSpecimen ?? base.daysBeforeSpecimen,
    minOverlapMinutes: o.minOverlapMinutes ?? base.minOverlapMinutes,
    venueTypes,
    trips: { byMode, otherModes: mergeTrip(o.trips?.otherModes, base.trips.otherModes) },
    stays: o.stays ?? base.stays,
    households: o.households ?? base.households,
  };
}
