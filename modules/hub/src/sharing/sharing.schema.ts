/** Zod schemas for data-sharing agreements: consumer, datasets and fields, purpose, legal basis, expiry. */
import { z } from 'zod';
import { purposes, sensitiveFields } from '@shuzhi/core';

/** Datasets an agreement can share; the `feed` dataset carries change events of the other datasets. */
export const datasets = [
  'persons',
  'observations',
  'conditions',
  'encounters',
  'immunizations',
  'cases',
  'presence',
  'contacts',
  'indicators',
  'feed',
] as const;
export const datasetSchema = z.enum(datasets);
export type Dataset = z.infer<typeof datasetSchema>;

export const newAgreementSchema = z
  .object({
    consumerSourceId: z.string().min(1, 'required'),
    title: z.string().trim().min(1, 'required').max(200),
    datasets: z.array(datasetSchema).min(1, 'at least one dataset'),
    fields: z.array(z.enum(sensitiveFields)).default([]),
    purpose: z.enum(purposes),
    legalBasis: z.string().trim().min(5, 'state the legal basis (at least 5 characters)').max(500),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .refine((a) => !a.validFrom || a.validFrom < a.expiresAt, {
    message: 'must be after validFrom',
    path: ['expiresAt'],
  });
export type NewAgreement = z.input<typeof newAgreementSchema>;

export const agreementSchema = z.object({
  id: z.string(),
  consumerSourceId: z.string(),
  title: z.string(),
  datasets: z.array(datasetSchema),
  fields: z.array(z.enum(sensitiveFields)),
  purpose: z.enum(purposes),
  legalBasis: z.string(),
  validFrom: z.string(),
  expiresAt: z.string(),
  status: z.enum(['active', 'revoked', 'expired']),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type Agreement = z.infer<typeof agreementSchema>;

/** Which dataset a change-feed topic belongs to (`hub.observation.created` → observations). */
export function datasetOfTopic(topic: string): Dataset | null {
  const entity = topic.split('.')[1] ?? '';
  const map: Record<string, Dataset> = {
    person: 'persons',
    observation: 'observations',
    condition: 'conditions',
    encounter: 'encounters',
    immunization: 'immunizations',
    case: 'cases',
    presence: 'presence',
    contact: 'contacts',
    task: 'contacts',
    indicator: 'indicators',
  };
  return map[entity] ?? null;
}

/**
 * Which dataset each section of a person's timeline comes from. A consumer sees a section only under an
 * agreement for that dataset; a kind not listed here (arrivals of inbound travellers, or one another module
 * contributes) belongs to no shareable dataset and is never shown to a consumer.
 */
export const timelineSectionDatasets: Readonly<Record<string, Dataset>> = {
  'lab-result': 'observations',
  diagnosis: 'conditions',
  visit: 'encounters',
  vaccination: 'immunizations',
  case: 'cases',
  'follow-up': 'cases',
  'record-linked': 'persons',
  merge: 'persons',
  presence: 'presence',
};
