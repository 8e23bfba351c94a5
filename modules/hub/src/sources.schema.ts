/** Zod schemas for data sources: the organisations that submit records to the hub. */
import { z } from 'zod';
import { schemaMessage } from '@shuzhi/core';

export const sourceTypes = [
  'hospital',
  'lab',
  'cdc',
  'fever_clinic',
  'pharmacy',
  'transport',
  'hotel',
  'venue',
  'community',
  'port',
] as const;
export const sourceTypeSchema = z.enum(sourceTypes);
export type SourceType = z.infer<typeof sourceTypeSchema>;

export const newSourceSchema = z.object({
  /** Optional fixed id (e.g. the id a source already uses in its records' `urn:shuzhi:source:{id}`). */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, schemaMessage('source-id-form'))
    .optional(),
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  type: sourceTypeSchema,
  areaCode: z
    .string()
    .regex(/^\d{2,12}$/, schemaMessage('area-code-short'))
    .nullable()
    .default(null),
  /** How often the source is expected to send data; a longer silence raises a "quiet source" warning. */
  expectedIntervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /**
   * Reads only what its data-sharing agreements grant (an analytics vendor, a neighbouring city's platform) and
   * submits nothing: its keys are refused on every write. A capability beside the type rather than a type of
   * its own, because the type says what the organisation is (a CDC may consume only, or submit too) and
   * drives what it may submit (import kinds, a fever clinic's visits), which a consumer never uses.
   */
  consumerOnly: z.boolean().default(false),
});
export type NewSource = z.input<typeof newSourceSchema>;

export const sourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: sourceTypeSchema,
  areaCode: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  expectedIntervalHours: z.number().int(),
  consumerOnly: z.boolean(),
  /** When and why an administrator disabled it (null while enabled). */
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
});
export type Source = z.infer<typeof sourceSchema>;

/**
 * The sources silent longer than expected, over all of the caller's sources (not one page of a list): how
 * many, and the longest silent of them, up to `limit`.
 */
export const silentSourcesSchema = z.object({
  count: z.number().int(),
  limit: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lastRecordAt: z.string().nullable(),
      silentForHours: z.number(),
      expectedIntervalHours: z.number().int(),
    }),
  ),
});
export type SilentSources = z.infer<typeof silentSourcesSchema>;

/** Why a source is disabled: its keys and accounts are refused until it is enabled again. */
export const disableSourceSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, schemaMessage('give-reason-min', { min: 3 }))
    .max(500, 'at most 500 characters'),
});

export const createdSourceSchema = z.object({ id: z.string(), apiKey: z.string(), source: sourceSchema });

/** A data source's API key as its administrators see it: never the secret, only its first characters. */
export const apiKeySchema = z.object({
  id: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A rotated key: the new secret (shown once) and the key it replaced, revoked. */
export const rotatedKeySchema = z.object({ id: z.string(), apiKey: z.string(), revoked: apiKeySchema });
