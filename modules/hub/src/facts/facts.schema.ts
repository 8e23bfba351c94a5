/** Zod schemas of derived facts: cases, follow-up tasks (asymptomatic detection) and the person timeline. */
import { z } from 'zod';

export const caseSchema = z.object({
  id: z.string(),
  personId: z.string(),
  classification: z.enum(['confirmed', 'asymptomatic', 'suspected']),
  status: z.enum(['active', 'merged', 'retracted']),
  onset: z.string().nullable(),
  firstPositiveSpecimen: z.string().nullable(),
  reportTime: z.string(),
  areaCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  basis: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof caseSchema>;

export const followUpKinds = ['positive-unreported', 'fever-clinic-untested'] as const;
export const followUpResolutions = [
  'case-reported',
  'asymptomatic-confirmed',
  'tested',
  'not-infected',
  'unreachable',
  'other',
] as const;

const flatValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const followUpSchema = z.object({
  id: z.string(),
  kind: z.enum(followUpKinds),
  personId: z.string(),
  areaCode: z.string().nullable(),
  triggerId: z.string(),
  status: z.enum(['open', 'resolved']),
  dueAt: z.string(),
  createdAt: z.string(),
  detail: z.record(z.string(), flatValue),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const resolveFollowUpSchema = z.object({
  resolution: z.enum(followUpResolutions),
  note: z.string().trim().max(1000).optional(),
});

export const timelineKinds = [
  'lab-result',
  'diagnosis',
  'visit',
  'vaccination',
  'arrival',
  'case',
  'follow-up',
  'record-linked',
  'merge',
  'split',
  'presence',
] as const;

export const timelineEntrySchema = z.object({
  at: z.string(),
  /** One of `timelineKinds`, or a kind another module contributes. */
  kind: z.string(),
  /** The record, case or task the entry is about. */
  id: z.string(),
  sourceId: z.string().nullable(),
  /** Which of the person's merged ids the fact arrived under. */
  personId: z.string().nullable(),
  detail: z.record(z.string(), flatValue),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A data source named as its registration names it (entries carry only the id). */
export const timelineSourceSchema = z.object({ id: z.string(), name: z.string() });

export const timelineSchema = z.object({
  personId: z.string(),
  /** The ids whose facts are shown (the person and anyone merged into them). */
  personIds: z.array(z.string()),
  entries: z.array(timelineEntrySchema),
  case: caseSchema.nullable(),
  /** The registered sources the entries come from (an unregistered id, such as `operator`, is not listed). */
  sources: z.array(timelineSourceSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** A person as one data source's own records state them (never the merged golden record). */
export const submittedPersonSchema = z.object({
  /**
   * The id of the source's own newest record about the person (its patient record first): the handle of the
   * person's timeline for this source. Never the platform's person id (the feed's pseudonym).
   */
  id: z.string(),
  name: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  areaCode: z.string().nullable(),
  /** The source's own record numbers of its patient records about this person. */
  recordNumbers: z.array(z.string()),
  lastLinkedAt: z.string().nullable(),
});
export type SubmittedPerson = z.infer<typeof submittedPersonSchema>;

/** What one data source submitted about a person: its own records only, no case, no other source's data. */
export const submittedTimelineSchema = timelineSchema.extend({ person: submittedPersonSchema });
export type SubmittedTimeline = z.infer<typeof submittedTimelineSchema>;
