/** Zod schemas for data-sharing agreements: consumer, datasets and fields, purpose, legal basis, expiry. */
import { z } from 'zod';
import { purposes, schemaMessage, sensitiveFields } from '@shuzhi/core';

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

/**
 * Purposes an external organisation may read for. Not the platform's own: `data_submission` (a source's key
 * reads under it by default, so an agreement for it would make every read look like a submission),
 * `self_service` (a citizen's own data), `audit` and `administration` (the platform's staff).
 */
export const agreementPurposes = [
  'case_investigation',
  'contact_tracing',
  'surveillance',
  'health_code',
  'quarantine_management',
  'community_management',
  'port_health',
  'data_quality',
] as const satisfies readonly (typeof purposes)[number][];

/**
 * Datasets something serves to a consumer: a route, a change-feed topic or a timeline section. Every dataset
 * now does: `indicators` reaches a consumer through the feed only (pharmacy sales, alerts, signals).
 */
export const servedDatasets = [
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
] as const satisfies readonly Dataset[];

export const newAgreementSchema = z
  .object({
    consumerSourceId: z.string().min(1, 'required'),
    title: z.string().trim().min(1, 'required').max(200),
    datasets: z
      .array(
        z.enum(servedDatasets, {
          error: (issue) =>
            (datasets as readonly unknown[]).includes(issue.input)
              ? schemaMessage('dataset-not-served', { dataset: String(issue.input) })
              : schemaMessage('dataset-unknown', { values: servedDatasets.join(', ') }),
        }),
      )
      .min(1, schemaMessage('datasets-none')),
    fields: z.array(z.enum(sensitiveFields)).default([]),
    purpose: z.enum(agreementPurposes, {
      error: (issue) =>
        (purposes as readonly unknown[]).includes(issue.input)
          ? schemaMessage('purpose-platform-own', {
              purpose: String(issue.input),
              values: agreementPurposes.join(', '),
            })
          : schemaMessage('agreement-purpose-unknown', { values: agreementPurposes.join(', ') }),
    }),
    legalBasis: z
      .string()
      .trim()
      .min(5, schemaMessage('legal-basis-min', { min: 5 }))
      .max(500),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .refine((a) => !a.validFrom || a.validFrom < a.expiresAt, {
    message: schemaMessage('after-valid-from'),
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

/**
 * The dataset of each kind of change-feed event, by `<module>.<entity>` of its topic: an agreement must grant
 * it (with `feed`) before a consumer receives the event. Every topic the platform publishes is decided here or
 * in `unsharedTopicEntities`; a test scans the sources for topics and fails on one decided in neither.
 */
export const topicDatasets: Readonly<Record<string, Dataset>> = {
  'hub.person': 'persons',
  'hub.observation': 'observations',
  'hub.condition': 'conditions',
  'hub.encounter': 'encounters',
  'hub.immunization': 'immunizations',
  'hub.case': 'cases',
  // Follow-up tasks (asymptomatic detection) are about a person's case: results without a report, untested visits.
  'hub.followup': 'cases',
  // Daily units sold per pharmacy, area and product class: no person, the syndromic series early warning
  // counts (antipyretics, cough medicine), so the aggregate dataset, not a personal one.
  'hub.pharmacy_sale': 'indicators',
  'tracing.presence': 'presence',
  'tracing.contact': 'contacts',
  'tracing.task': 'contacts',
  // A finished tracing run names the case it traced and how many contacts it found.
  'tracing.run': 'contacts',
  // Aberrations of indicator series and event-based signals from open sources: areas and counts, no person.
  'surveillance.alert': 'indicators',
  'surveillance.signal': 'indicators',
};

/**
 * Topics no agreement can grant, each with why: a consumer never receives them, by decision rather than by a
 * gap in `topicDatasets`.
 */
export const unsharedTopicEntities: Readonly<Record<string, string>> = {
  // Inbound travellers are held under the port's separate regime (MISSION S12); no dataset covers them, as
  // the timeline withholds arrivals.
  'hub.traveler': 'inbound travellers: no shareable dataset',
  'hub.organization': 'directory of organisations, not a dataset',
  'hub.location': 'directory of locations, not a dataset',
  'tracing.venues': "a signal to refresh the venue directory's caches, not a dataset",
};

/** Which dataset a change-feed topic belongs to (`hub.observation.created` → observations); null: none. */
export function datasetOfTopic(topic: string): Dataset | null {
  const [module = '', entity = ''] = topic.split('.');
  return topicDatasets[`${module}.${entity}`] ?? null;
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
  split: 'persons',
  presence: 'presence',
};
