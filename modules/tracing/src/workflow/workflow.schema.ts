/**
 * Zod schemas of the tracing workflow shared by routes, the web app and the CLI: trace runs, contacts,
 * tracing tasks with their statuses and history, and what investigators send (moves, notes, exposures
 * learned in interviews).
 */
import { z } from 'zod';

/** identified → notified → quarantined → released, or lost to follow-up at any open step. */
export const taskStatuses = ['identified', 'notified', 'quarantined', 'released', 'lost'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const openStatuses: readonly TaskStatus[] = ['identified', 'notified', 'quarantined'];

/** The moves a task may make (a contact may be quarantined at once, without a separate notification). */
export const taskTransitions: Record<TaskStatus, readonly TaskStatus[]> = {
  identified: ['notified', 'quarantined', 'lost'],
  notified: ['quarantined', 'lost'],
  quarantined: ['released', 'lost'],
  released: [],
  lost: [],
};

export const exposureKindSchema = z.enum(['venue', 'trip', 'stay', 'household', 'other']);

export const exposureSchema = z.object({
  kind: exposureKindSchema,
  place_id: z.string(),
  from: z.string(),
  to: z.string(),
  overlap_minutes: z.number(),
  via: z.string().nullable(),
});
export type StoredExposure = z.infer<typeof exposureSchema>;

export const contactSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  casePersonId: z.string(),
  personId: z.string().nullable(),
  /** The id as imported (masked unless the caller sees identifiers). */
  personRef: z.string(),
  degree: z.union([z.literal(1), z.literal(2)]),
  source: z.enum(['data', 'interview']),
  firstExposureAt: z.string(),
  exposureFrom: z.string(),
  exposureTo: z.string(),
  exposureCount: z.number().int(),
  viaRef: z.string().nullable(),
  /** The first exposures (at most 20) in output order. */
  exposures: z.array(exposureSchema),
  areaCode: z.string().nullable(),
  taskId: z.string(),
  taskStatus: z.enum(taskStatuses).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const taskSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personRef: z.string(),
  degree: z.union([z.literal(1), z.literal(2)]),
  status: z.enum(taskStatuses),
  assignee: z.string().nullable(),
  areaCode: z.string().nullable(),
  caseCount: z.number().int(),
  firstCasePersonId: z.string(),
  lastExposureAt: z.string(),
  quarantinedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskHistorySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['created', 'linked', 'status', 'assigned', 'note']),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type TaskHistoryEntry = z.infer<typeof taskHistorySchema>;

export const taskDetailSchema = taskSchema.extend({
  history: z.array(taskHistorySchema),
  contacts: z.array(contactSchema),
});

export const runSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  personId: z.string().nullable(),
  trigger: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  closeCount: z.number().int(),
  secondaryCount: z.number().int(),
  status: z.enum(['done', 'failed']),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
});
export type Run = z.infer<typeof runSchema>;

const note = z.string().trim().min(1).max(2000);

export const moveTaskSchema = z.object({
  status: z.enum(taskStatuses),
  note: note.optional(),
  /** When the move happened, if not now (e.g. quarantine began this morning). */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const assignTaskSchema = z.object({ assignee: z.string().trim().min(1).max(100).nullable() });
export const noteTaskSchema = z.object({ note });

/** An exposure an investigator learned in an interview: someone the data did not show. */
export const interviewExposureSchema = z.object({
  /** The contact: an id as imported (resident ID, passport:…) or a platform person id. */
  personRef: z.string().trim().min(1).max(64),
  degree: z.union([z.literal(1), z.literal(2)]).default(1),
  kind: exposureKindSchema.default('other'),
  placeId: z.string().trim().min(1).max(100).default('interview'),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** For a secondary contact: the close contact they met (an id as imported). */
  viaRef: z.string().trim().min(1).max(64).optional(),
  note: note.optional(),
});
export type InterviewExposure = z.infer<typeof interviewExposureSchema>;

const degreeCounts = z.object({ close: z.number().int(), secondary: z.number().int() });

/** The report of a trace's set sizes (core `TraceReport`): how big, by kind, and which places made it so. */
export const traceReportSchema = z.object({
  contacts: degreeCounts,
  exposures: degreeCounts,
  byKind: z.record(z.string(), degreeCounts),
  topPlaces: z.array(
    degreeCounts.extend({
      kind: z.string(),
      place_id: z.string(),
      category: z.string().nullable(),
      share: z.number(),
    }),
  ),
});

export const caseWithTraceSchema = z.object({
  id: z.string(),
  personId: z.string(),
  classification: z.string(),
  status: z.string(),
  onset: z.string().nullable(),
  firstPositiveSpecimen: z.string().nullable(),
  reportTime: z.string(),
  areaCode: z.string().nullable(),
  latestRun: runSchema.extend({ report: traceReportSchema.nullable() }).nullable(),
});

export const caseGraphSchema = z.object({
  casePersonId: z.string(),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['case', 'close', 'secondary']),
      label: z.string(),
      personId: z.string().nullable(),
      taskId: z.string().nullable(),
      taskStatus: z.string().nullable(),
      at: z.string(),
    }),
  ),
  edges: z.array(z.object({ source: z.string(), target: z.string(), placeId: z.string(), kind: z.string() })),
  places: z.array(
    z.object({
      kind: z.string(),
      placeId: z.string(),
      name: z.string().nullable(),
      venueType: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      contacts: z.number().int(),
    }),
  ),
  totalContacts: z.number().int(),
  truncated: z.boolean(),
});

export const indexStatusSchema = z.object({
  state: z.enum(['not-loaded', 'loading', 'ready']),
  builtAt: z.string().nullable(),
  buildMs: z.number().nullable(),
  batches: z.number().int(),
  skippedRows: z.number().int(),
  persons: z.number().int().nullable(),
  checkIns: z.number().int().nullable(),
  trips: z.number().int().nullable(),
  stays: z.number().int().nullable(),
  householdMemberships: z.number().int().nullable(),
  typedArrayBytes: z.number().int().nullable(),
});
