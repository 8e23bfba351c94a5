/** Zod schemas of alerts, their triage, detection rules, subscriptions and notifications (routes, web, CLI). */
import { z } from 'zod';
import { listParamsSchema } from '@shuzhi/core';
import { detectionAlgorithms } from '../commands/detect-control.js';
import { countIndicators, indicators } from '../indicators/indicator-catalogue.js';
import { alertLevels } from './alert-levels.js';
import { alertStatuses } from './episodes.js';

export const alertLevelSchema = z.enum(alertLevels);
export const alertStatusSchema = z.enum(alertStatuses);
export const triageStatuses = ['investigating', 'confirmed', 'dismissed'] as const;

const areaSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.string() });

export const alertSchema = z.object({
  id: z.string(),
  area: areaSchema,
  indicator: z.enum(indicators),
  status: alertStatusSchema,
  level: alertLevelSchema,
  firstAlarmDate: z.string(),
  lastAlarmDate: z.string(),
  alarmDays: z.number().int(),
  observed: z.number(),
  expected: z.number().nullable(),
  upperbound: z.number().nullable(),
  peakRatio: z.number(),
  algorithms: z.array(z.string()),
  openedAt: z.string(),
  updatedAt: z.string(),
  escalatedAt: z.string().nullable(),
  triagedBy: z.string().nullable(),
  triagedAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const alertDecisionSchema = z.object({
  id: z.string(),
  kind: z.enum(['opened', 'escalated', 'reopened', 'triage']),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});

export const alertAlarmSchema = z.object({
  date: z.string(),
  ruleId: z.string(),
  algorithm: z.string(),
  aggregation: z.string(),
  observed: z.number(),
  expected: z.number().nullable(),
  upperbound: z.number().nullable(),
});

export const chartPointSchema = z.object({
  date: z.string(),
  observed: z.number().nullable(),
  expected: z.number().nullable(),
  upperbound: z.number().nullable(),
  alarm: z.boolean(),
});

export const alertDetailSchema = alertSchema.extend({
  alarms: z.array(alertAlarmSchema),
  decisions: z.array(alertDecisionSchema),
  allowedTransitions: z.array(z.enum(triageStatuses)),
  chart: z.object({
    ruleId: z.string().nullable(),
    algorithm: z.string().nullable(),
    points: z.array(chartPointSchema),
  }),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;

export const alertListQuerySchema = listParamsSchema.extend({
  status: z.enum([...alertStatuses, 'open']).optional(),
  area: z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
  indicator: z.enum(countIndicators).optional(),
  level: alertLevelSchema.optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertTriageRequestSchema = z.object({
  status: z.enum(triageStatuses),
  note: z.string().trim().min(1, 'a note is required: say why').max(2000),
});
export type AlertTriageRequest = z.infer<typeof alertTriageRequestSchema>;

const thresholdsSchema = z.object({
  yellow: z.number().positive(),
  orange: z.number().positive(),
  red: z.number().positive(),
});

export const detectionRuleSchema = z.object({
  id: z.string(),
  indicator: z.enum(countIndicators),
  areaLevel: z.enum(['city', 'district', 'street']),
  algorithm: z.enum(detectionAlgorithms),
  aggregation: z.enum(['daily', 'weekly']),
  control: z.record(z.string(), z.unknown()),
  minCount: z.number().int().min(0),
  baseLevel: alertLevelSchema,
  escalation: z.object({
    days: thresholdsSchema,
    ratio: thresholdsSchema,
    corroboratingIndicators: z.number().int().min(0),
  }),
  enabled: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const ruleUpdateSchema = detectionRuleSchema
  .omit({ id: true, updatedBy: true, updatedAt: true })
  .partial();
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>;

export const runReportSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  asOf: z.string(),
  series: z.number().int(),
  alarms: z.number().int(),
  opened: z.number().int(),
  updated: z.number().int(),
  skipped: z.array(z.object({ rule: z.string(), area: z.string(), reason: z.string() })),
});

export const runRequestSchema = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export const subscriptionRequestSchema = z.object({
  channel: z.enum(['in_app', 'webhook']),
  url: z.url().optional(),
  minLevel: alertLevelSchema.default('blue'),
  area: z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
  indicators: z.array(z.enum(countIndicators)).optional(),
});
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  channel: z.enum(['in_app', 'webhook']),
  url: z.string().nullable(),
  minLevel: alertLevelSchema,
  area: z.string().nullable(),
  indicators: z.array(z.string()).nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  event: z.string(),
  level: alertLevelSchema,
  areaCode: z.string(),
  indicator: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;
