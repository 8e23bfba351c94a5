/**
 * Zod schemas of event-based surveillance shared by the routes, the web page (through the OpenAPI
 * document) and the CLI: signals and their triage, news items, feeds, and what ingestion reports.
 */
import { z } from 'zod';
import { listParamsSchema } from '@shuzhi/core';

/** Signal statuses: triage like alerts (new → investigating → confirmed / dismissed), plus merged. */
export const signalStatuses = ['new', 'investigating', 'confirmed', 'dismissed', 'merged'] as const;
export const signalStatusSchema = z.enum(signalStatuses);
export type SignalStatus = z.infer<typeof signalStatusSchema>;

/** Statuses an epidemiologist can move a signal to. */
export const triageStatuses = ['investigating', 'confirmed', 'dismissed'] as const;
export const triageStatusSchema = z.enum(triageStatuses);
export type TriageStatus = z.infer<typeof triageStatusSchema>;

export const newsLanguageSchema = z.enum(['zh', 'en']);

/** Where an item came in: posted to the API (incl. the web form), a file import, or a polled feed. */
export const newsOrigins = ['api', 'import', 'feed'] as const;
export const newsOriginSchema = z.enum(newsOrigins);
export type NewsOrigin = z.infer<typeof newsOriginSchema>;

export const placeSummarySchema = z.object({
  /** GB/T 2260 code (9 digits for a street), ISO 3166-1 alpha-2 or ISO 3166-2. */
  code: z.string(),
  scheme: z.enum(['GB/T 2260', 'ISO 3166-1', 'ISO 3166-2']),
  level: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  country: z.string(),
});
export type PlaceSummary = z.infer<typeof placeSummarySchema>;

export const diseaseSummarySchema = z.object({ id: z.string(), nameEn: z.string(), nameZh: z.string() });

export const signalSchema = z.object({
  id: z.string(),
  status: signalStatusSchema,
  /** The title of the item that started the signal. */
  headline: z.string(),
  disease: diseaseSummarySchema.nullable(),
  place: placeSummarySchema.nullable(),
  places: z.array(placeSummarySchema),
  /** Platform area code of the place when it is in China (12-digit street codes, as `@shuzhi/geo`). */
  areaCode: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  maxCases: z.number().int().nullable(),
  maxDeaths: z.number().int().nullable(),
  /** Highest relevance score of its items (the classifier's P(relevant); rank by it, do not read it as a probability). */
  maxScore: z.number(),
  itemCount: z.number().int(),
  languages: z.array(newsLanguageSchema),
  mergedInto: z.string().nullable(),
  /** Closed for new items: no item has come in within the clustering window. */
  retired: z.boolean(),
  triagedBy: z.string().nullable(),
  triagedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SignalView = z.infer<typeof signalSchema>;

export const signalDecisionSchema = z.object({
  id: z.string(),
  kind: z.enum(['triage', 'merge', 'reopen']),
  fromStatus: signalStatusSchema,
  toStatus: signalStatusSchema,
  note: z.string(),
  relatedSignalId: z.string().nullable(),
  actorId: z.string(),
  actorName: z.string(),
  at: z.string(),
});
export type SignalDecision = z.infer<typeof signalDecisionSchema>;

export const signalDetailSchema = signalSchema.extend({
  decisions: z.array(signalDecisionSchema),
  /** Statuses this signal may move to now. */
  allowedTransitions: z.array(triageStatusSchema),
});
export type SignalDetail = z.infer<typeof signalDetailSchema>;

export const signalListQuerySchema = listParamsSchema.extend({
  /** `open` = new or investigating. */
  status: z.enum([...signalStatuses, 'open']).optional(),
  disease: z.string().max(64).optional(),
  lang: newsLanguageSchema.optional(),
  /** GB/T 2260 area prefix: signals placed inside it. */
  area: z
    .string()
    .regex(/^\d{2,12}$/, 'a GB/T 2260 area code')
    .optional(),
});
export type SignalListQuery = z.infer<typeof signalListQuerySchema>;

export const signalFacetsSchema = z.object({
  diseases: z.array(diseaseSummarySchema.extend({ count: z.number().int() })),
});

export const noteSchema = z
  .string()
  .trim()
  .min(3, 'write a note of at least 3 characters')
  .max(2000, 'at most 2000 characters');

export const triageRequestSchema = z.object({ status: triageStatusSchema, note: noteSchema });
export type TriageRequest = z.infer<typeof triageRequestSchema>;

export const mergeRequestSchema = z.object({ absorbedId: z.string().min(1, 'required'), note: noteSchema });
export type MergeRequest = z.infer<typeof mergeRequestSchema>;

export const highlightSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  kind: z.enum(['disease', 'place', 'count', 'date']),
});
export type Highlight = z.infer<typeof highlightSchema>;

export const newsItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  lang: newsLanguageSchema,
  relevant: z.boolean(),
  score: z.number(),
  eventDate: z.string(),
  origin: newsOriginSchema,
  feedId: z.string().nullable(),
  signalId: z.string().nullable(),
  ingestedAt: z.string(),
  diseases: z.array(diseaseSummarySchema.extend({ subtypes: z.array(z.string()) })),
  places: z.array(placeSummarySchema),
  counts: z.array(
    z.object({
      measure: z.enum(['cases', 'deaths', 'hospitalised']),
      value: z.number(),
      scope: z.enum(['new', 'cumulative', 'unspecified']),
    }),
  ),
  cases: z.number().nullable(),
  deaths: z.number().nullable(),
  /** Title, a line break and the text, as written (see display-text.ts); the highlights index into it. */
  readText: z.string(),
  highlights: z.array(highlightSchema),
});
export type NewsItemView = z.infer<typeof newsItemSchema>;

export const newsListQuerySchema = listParamsSchema.extend({
  relevant: z.enum(['true', 'false']).optional(),
  lang: newsLanguageSchema.optional(),
  origin: newsOriginSchema.optional(),
  feed: z.string().max(64).optional(),
});
export type NewsListQuery = z.infer<typeof newsListQuerySchema>;

/** One news item posted as fields (the web form; language detected when not given). */
export const postedNewsItemSchema = z.object({
  title: z.string().trim().max(500, 'at most 500 characters').default(''),
  text: z.string().trim().min(1, 'paste the text of the item').max(200_000, 'at most 200,000 characters'),
  url: z.url({ protocol: /^https?$/, error: 'an http or https URL' }).optional(),
  published: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'an ISO 8601 date or date-time' })
    .optional(),
  source: z.string().trim().max(200).optional(),
  lang: newsLanguageSchema.optional(),
});
export type PostedNewsItem = z.input<typeof postedNewsItemSchema>;

/** A body to parse: pasted text, JSON, RSS or Atom (`auto` sniffs it). */
export const newsBatchSchema = z.object({
  content: z.string().min(1, 'required').max(20_000_000, 'at most 20 million characters'),
  format: z.enum(['auto', 'text', 'json', 'rss', 'atom']).default('auto'),
});
export type NewsBatch = z.input<typeof newsBatchSchema>;

export const fieldIssueSchema = z.object({
  record: z.union([z.string(), z.number()]).optional(),
  field: z.string().optional(),
  reason: z.string(),
});

export const ingestOutcomeSchema = z.object({
  /** The stored item, or the one this duplicates. */
  itemId: z.string(),
  title: z.string(),
  lang: newsLanguageSchema,
  duplicate: z.boolean(),
  relevant: z.boolean(),
  score: z.number(),
  signalId: z.string().nullable(),
  signalCreated: z.boolean(),
});
export type IngestOutcome = z.infer<typeof ingestOutcomeSchema>;

export const ingestReportSchema = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  relevant: z.number().int(),
  signalsCreated: z.array(z.string()),
  signalsUpdated: z.array(z.string()),
  items: z.array(ingestOutcomeSchema),
  /** Items left out or fields not understood, each naming the item and field. */
  issues: z.array(fieldIssueSchema),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const newsFeedSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  active: z.boolean(),
  intervalMinutes: z.number().int(),
  nextFetchAt: z.string(),
  lastFetchedAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'not_modified', 'error']).nullable(),
  lastError: z.string().nullable(),
  lastNewItems: z.number().int(),
  itemsTotal: z.number().int(),
  createdAt: z.string(),
});
export type NewsFeedView = z.infer<typeof newsFeedSchema>;

export const newFeedSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'an http or https URL' }).max(2000),
  title: z.string().trim().max(200).optional(),
  intervalMinutes: z
    .number()
    .int()
    .min(5, 'at least 5 minutes')
    .max(24 * 60, 'at most 1440 minutes (a day)')
    .default(60),
});
export type NewFeed = z.input<typeof newFeedSchema>;

export const feedPollReportSchema = z.object({
  feed: newsFeedSchema,
  ingest: ingestReportSchema.nullable(),
});
export type FeedPollReport = z.infer<typeof feedPollReportSchema>;
