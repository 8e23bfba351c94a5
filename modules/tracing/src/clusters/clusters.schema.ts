/** Zod schemas of transmission chains and clusters for routes and the web app. */
import { z } from 'zod';

const placeSchema = z.object({ kind: z.string(), place_id: z.string(), cases: z.number().int() });

export const clusterSchema = z.object({
  id: z.string(),
  size: z.number().int(),
  generations: z.number().int(),
  firstOnset: z.string(),
  lastOnset: z.string(),
  areaCode: z.string().nullable(),
  recent: z.number().int(),
  growth: z.object({
    windowDays: z.number().int(),
    recent: z.number().int(),
    previous: z.number().int(),
    ratio: z.number().nullable(),
    dailyGrowthRate: z.number().nullable(),
    doublingDays: z.number().nullable(),
  }),
  places: z.array(placeSchema),
  timeline: z.array(z.object({ date: z.string(), cases: z.number().int() })),
  cases: z.array(z.string()),
  edges: z.array(z.object({ infector: z.string(), infectee: z.string(), likelihood: z.number() })),
  computedAt: z.string(),
});

export const clusterGraphSchema = z.object({
  clusterId: z.string(),
  cases: z.array(
    z.object({
      personId: z.string(),
      onset: z.string(),
      generation: z.number().int(),
      infectors: z.array(
        z.object({ personId: z.string(), likelihood: z.number(), serialIntervalDays: z.number() }),
      ),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.string(),
      casePersonId: z.string(),
      label: z.string(),
      personId: z.string().nullable(),
      degree: z.union([z.literal(1), z.literal(2)]),
      via: z.string().nullable(),
      at: z.string(),
      placeId: z.string(),
      taskStatus: z.string().nullable(),
    }),
  ),
  places: z.array(
    z.object({
      kind: z.string(),
      placeId: z.string(),
      cases: z.number().int(),
      name: z.string().nullable(),
      venueType: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
    }),
  ),
  totalContacts: z.number().int(),
  truncated: z.boolean(),
});

export const clusterComputationSchema = z.object({
  cases: z.number().int(),
  traced: z.number().int(),
  sharedExposures: z.number().int(),
  clusters: z.number().int(),
  largest: z.number().int(),
  durationMs: z.number(),
});
