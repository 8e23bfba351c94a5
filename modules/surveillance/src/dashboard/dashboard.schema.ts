/** Zod schema of the command centre's one aggregated answer (`GET /api/v1/dashboard`). */
import { z } from 'zod';
import { alertLevelSchema, alertSchema } from '../alerts/alerts.schema.js';
import { signalSchema } from '../signals/signals.schema.js';

const areaSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.string() });

const rtEstimateSchema = z.object({
  from: z.string(),
  to: z.string(),
  mean: z.number(),
  q025: z.number(),
  q975: z.number(),
});

const growthSchema = z.object({
  rate: z.number(),
  rateLower: z.number().nullable(),
  rateUpper: z.number().nullable(),
  doublingTime: z.number().nullable(),
  doublingTimeLower: z.number().nullable(),
  doublingTimeUpper: z.number().nullable(),
});

export const dashboardQuerySchema = z.object({
  area: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
});

export const dashboardSchema = z.object({
  area: areaSchema,
  /** The enclosing area the caller may also see (for going back up), or null. */
  parent: areaSchema.nullable(),
  /** The day the figures are for: today, or the last day with data when the data end earlier. */
  asOf: z.string(),
  today: z.string(),
  figures: z.array(
    z.object({
      indicator: z.string(),
      today: z.number().nullable(),
      yesterday: z.number().nullable(),
      change: z.number().nullable(),
      last7: z.number().nullable(),
      previous7: z.number().nullable(),
    }),
  ),
  epicurve: z.object({
    dates: z.array(z.string()),
    byReport: z.array(z.number()),
    byOnset: z.array(z.number()),
    asymptomatic: z.array(z.number()),
  }),
  map: z.object({
    /** Level of the areas on the map (the children of `area`); null for a street, which has none. */
    level: z.string().nullable(),
    areas: z.array(
      areaSchema.extend({
        alertLevel: alertLevelSchema.nullable(),
        openAlerts: z.number().int(),
        cases7: z.number(),
        incidence7: z.number().nullable(),
        population: z.number().nullable(),
      }),
    ),
  }),
  rt: z.object({
    serialInterval: z.object({ mean: z.number(), sd: z.number(), source: z.string() }),
    area: z.object({
      latest: rtEstimateSchema.nullable(),
      growth: growthSchema.nullable(),
      series: z.array(rtEstimateSchema),
      recent: z.number(),
    }),
    children: z.array(
      areaSchema.extend({
        latest: rtEstimateSchema.nullable(),
        growth: growthSchema.nullable(),
        recent: z.number(),
      }),
    ),
  }),
  alerts: z.object({
    open: z.array(alertSchema),
    byLevel: z.object({ blue: z.number(), yellow: z.number(), orange: z.number(), red: z.number() }),
  }),
  /** Open news signals; null when event-based surveillance is not available. */
  signals: z.array(signalSchema).nullable(),
  freshness: z.array(
    z.object({
      sourceId: z.string(),
      name: z.string(),
      type: z.string().nullable(),
      lastDataAt: z.string().nullable(),
      expectedIntervalHours: z.number().nullable(),
      overdue: z.boolean().nullable(),
    }),
  ),
  /** Server time spent building this answer (ms), for the 2-second budget. */
  elapsedMs: z.number(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export type FreshnessEntry = Dashboard['freshness'][number];
