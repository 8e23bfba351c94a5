/** Zod schemas of the import API: jobs, reports and the kinds with their templates. */
import { z } from 'zod';
import { reasonCodes, type ReasonCode } from '../core/reasons.js';

/**
 * A refused line (line 0: the whole file), or a warning about a line imported despite it: its reason in English, with the reason's stable code and
 * parameters and its Chinese (core/reasons.ts) when it has a code; the web shows the one of its language.
 */
export const importIssueSchema = z.object({
  line: z.number().int(),
  field: z.string().optional(),
  reason: z.string(),
  code: z.enum(reasonCodes as [ReasonCode, ...ReasonCode[]]).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  reasonZh: z.string().optional(),
});

export const importJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'accepted', 'partial', 'rejected', 'failed']),
  total: z.number().int(),
  accepted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  progress: z.number(),
  issues: z.array(importIssueSchema),
  /** Lines imported despite a problem (a resident ID kept though its check digit fails); the first 1000. */
  warnings: z.array(importIssueSchema),
  /** How many warnings the import had in all (a list of jobs carries the count, not the warnings). */
  warningCount: z.number().int(),
  actorId: z.string(),
  sourceId: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importKindSchema = z.object({
  kind: z.string(),
  description: z.string(),
  descriptionZh: z.string(),
  template: z
    .object({
      fileName: z.string(),
      contentType: z.string(),
      example: z.string(),
      columns: z.array(z.object({ name: z.string(), required: z.boolean(), en: z.string(), zh: z.string() })),
    })
    .nullable(),
});
