/** Zod schemas of the data-sources page: each source with the freshness and quality of its feed. */
import { z } from 'zod';
import { sourceSchema } from '../sources.schema.js';

export const sourceHealthSchema = z.object({
  lastRecordAt: z.string().nullable(),
  recordsToday: z.number().int(),
  rejectionRate: z.number().nullable(),
  typicalDelayMinutes: z.number().nullable(),
  delayP90Minutes: z.number().nullable(),
  silent: z.boolean(),
  silentForHours: z.number().nullable(),
  /** Records accepted, unchanged and refused over the window. */
  accepted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  windowDays: z.number().int(),
});

export const sourceQualitySchema = z.object({ source: sourceSchema, health: sourceHealthSchema });
export type SourceQuality = z.infer<typeof sourceQualitySchema>;
