/** Zod schemas of indicator series for routes, the web app and the CLI. */
import { z } from 'zod';
import { indicators } from './indicator-catalogue.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const areaCode = z.string().regex(/^\d{4,12}$/, 'a GB/T 2260 / NBS area code');

export const indicatorDefinitionSchema = z.object({
  code: z.enum(indicators),
  nameZh: z.string(),
  nameEn: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
  origin: z.enum(['hub', 'import', 'hub-or-import']),
  ratio: z.boolean(),
});

export const seriesQuerySchema = z.object({
  area: areaCode,
  indicator: z.enum(indicators),
  from: isoDate,
  to: isoDate,
});

const seriesAreaSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(['city', 'district', 'street']),
});

export const indicatorSeriesSchema = z.object({
  area: seriesAreaSchema,
  indicator: z.enum(indicators),
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ date: z.string(), value: z.number().nullable() })),
});

export const breakdownSchema = z.object({
  area: seriesAreaSchema,
  indicator: z.enum(indicators),
  from: z.string(),
  to: z.string(),
  /** The area's sub-areas (districts of the city, streets of a district) with their totals over the range. */
  items: z.array(
    seriesAreaSchema.extend({
      total: z.number().nullable(),
      last: z.number().nullable(),
    }),
  ),
});
