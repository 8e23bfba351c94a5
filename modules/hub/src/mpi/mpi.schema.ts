/** Zod schemas of the master person index API: persons, their linked records, the review queue, merges. */
import { z } from 'zod';
import { reviewReasons } from '../core/linkage/pair-explanation.js';

export const personSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  areaCode: z.string().nullable(),
  updatedAt: z.string(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const linkedRecordSchema = z.object({
  recordKey: z.string(),
  sourceId: z.string(),
  /** The source's registered name (null if it is no longer registered). */
  sourceName: z.string().nullable(),
  recordId: z.string(),
  /** The person the record was linked to (a merged person's records show that person's id). */
  personId: z.string(),
  method: z.string(),
  score: z.number().nullable(),
  linkedAt: z.string(),
  name: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  areaCode: z.string().nullable(),
  address: z.string().nullable(),
  document: z.string().nullable(),
  identifier: z.object({ system: z.string(), value: z.string() }),
});
export type LinkedRecord = z.infer<typeof linkedRecordSchema>;

export const mergeSchema = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  reason: z.string(),
  reviewId: z.string().nullable(),
  mergedBy: z.string(),
  mergedAt: z.string(),
  status: z.enum(['active', 'undone']),
  undoneBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type Merge = z.infer<typeof mergeSchema>;

/** A record split off a person into a new person of its own (`POST /api/v1/linkage/splits`). */
export const splitSchema = z.object({
  id: z.string(),
  recordKey: z.string(),
  fromPersonId: z.string(),
  toPersonId: z.string(),
  reason: z.string(),
  splitBy: z.string(),
  splitAt: z.string(),
});
export type Split = z.infer<typeof splitSchema>;

export const personDetailSchema = personSummarySchema.extend({
  /** Set when the id asked for was merged into this person. */
  requestedId: z.string(),
  /**
   * What became of the id asked for: `active`; `merged` into this person (`mergedInto`); `emptied` — this
   * person's last linked record moved away (`emptiedAt`, and the person it went to: `recordsMovedTo`), so it
   * holds no record or identifier and no search finds it.
   */
  fate: z.enum(['active', 'merged', 'emptied']),
  mergedInto: z.string().nullable(),
  emptiedAt: z.string().nullable(),
  recordsMovedTo: z.string().nullable(),
  identifiers: z.array(z.object({ system: z.string(), value: z.string() })),
  records: z.array(linkedRecordSchema),
  merges: z.array(mergeSchema),
  /** Records split off this person, or the split that made it. */
  splits: z.array(splitSchema),
  openReviews: z.number().int(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const fieldExplanationSchema = z.object({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
  left: z.string().nullable(),
  right: z.string().nullable(),
  note: z.string().optional(),
});

export const explanationSchema = z.object({
  score: z.number(),
  matchProbability: z.number(),
  priorLogOdds: z.number(),
  fields: z.array(fieldExplanationSchema),
  nameFrequencyAdjustment: z.number(),
  residentIdConflict: z.boolean(),
  /** Why the pair waits for a person beyond its score (see `ReviewReason`); empty when the score alone. */
  reasons: z.array(z.enum(reviewReasons)),
});

/**
 * One side of a review pair as it stands now: `as-made` (with the person the pair named), `merged` (that person
 * was merged into `personId` since: deciding merges their groups), `moved` (the record was split off or
 * corrected to another person since: the pair is stale and cannot be decided). `changedFields`: the fields
 * whose value differs from the one the pair was scored on (the record's source corrected it).
 */
export const reviewSideSchema = z.object({
  state: z.enum(['as-made', 'merged', 'moved']),
  /** The person the side's record is with now (a merged person: its survivor). */
  personId: z.string(),
  changedFields: z.array(z.string()),
});
export type ReviewSide = z.infer<typeof reviewSideSchema>;

export const reviewSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'merged', 'distinct', 'superseded']),
  score: z.number(),
  createdAt: z.string(),
  /** The decider's user id, or `system:…` when the index closed the pair itself. */
  decidedBy: z.string().nullable(),
  /** The decider's name as it was when deciding (null for the index itself and for older decisions). */
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  mergeId: z.string().nullable(),
  /** The record that arrived (left in the explanation) and the person it was given. */
  record: linkedRecordSchema,
  /** The nearest existing record (right) and its person. */
  candidate: linkedRecordSchema,
  /**
   * Both sides now. The explanation's values and weights are those the pair was scored on; `record` and
   * `candidate` carry each side's current fields.
   */
  sides: z.object({ record: reviewSideSchema, candidate: reviewSideSchema }),
  explanation: explanationSchema,
});
export type Review = z.infer<typeof reviewSchema>;

export const reviewDecisionSchema = z.object({
  decision: z.enum(['merge', 'distinct']),
  reason: z.string().trim().max(500).optional(),
});

export const mergeRequestSchema = z.object({
  survivorId: z.string().min(1),
  mergedId: z.string().min(1),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

export const unmergeRequestSchema = z.object({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

export const splitRequestSchema = z.object({
  recordKey: z.string().min(1),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

export const linkageExportSchema = z.object({
  persons: z.array(
    z.object({
      person_id: z.string(),
      records: z.array(z.object({ source_id: z.string(), system: z.string(), value: z.string() })),
    }),
  ),
});
export type LinkageExport = z.infer<typeof linkageExportSchema>;
