/** SQL for detection rules: the defaults inserted once, the rules read by detection, edits by epidemiologists. */
import type { Clock } from '@shuzhi/core';
import { decodeRow, type Database } from '@shuzhi/db';
import type { DetectionAlgorithm } from '../commands/detect-control.js';
import type { CountIndicator } from '../indicators/indicator-catalogue.js';
import type { SeriesLevel } from '../indicators/indicator-areas.js';
import type { AlertLevel, EscalationPolicy } from './alert-levels.js';
import { defaultDetectionRules, type Aggregation, type DetectionRule } from './detection-rules.js';

interface RuleRow {
  id: string;
  indicator: CountIndicator;
  area_level: SeriesLevel;
  algorithm: DetectionAlgorithm;
  aggregation: Aggregation;
  control: Record<string, unknown> | string;
  min_count: number;
  base_level: AlertLevel;
  escalation: EscalationPolicy | string;
  enabled: boolean | number;
  updated_by: string;
  updated_at: string;
}

export interface StoredRule extends DetectionRule {
  updatedBy: string;
  updatedAt: string;
}

function toRule(raw: RuleRow): StoredRule {
  const row = decodeRow(raw, { json: ['control', 'escalation'], bool: ['enabled'] });
  return {
    id: row.id,
    indicator: row.indicator,
    areaLevel: row.area_level,
    algorithm: row.algorithm,
    aggregation: row.aggregation,
    control: row.control as Record<string, unknown>,
    minCount: Number(row.min_count),
    baseLevel: row.base_level,
    escalation: row.escalation as EscalationPolicy,
    enabled: row.enabled === true,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function toRow(rule: DetectionRule, by: string, at: string) {
  return {
    id: rule.id,
    indicator: rule.indicator,
    area_level: rule.areaLevel,
    algorithm: rule.algorithm,
    aggregation: rule.aggregation,
    control: JSON.stringify(rule.control),
    min_count: rule.minCount,
    base_level: rule.baseLevel,
    escalation: JSON.stringify(rule.escalation),
    enabled: rule.enabled,
    updated_by: by,
    updated_at: at,
  };
}

export class RulesRepository {
  private defaults: Promise<number> | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Inserts the default rules that are missing, once per process (an edited default stays as edited). */
  ensureDefaults(): Promise<number> {
    this.defaults ??= this.insertMissingDefaults(this.clock.now().toISOString()).catch((error: unknown) => {
      this.defaults = null;
      throw error;
    });
    return this.defaults;
  }

  private async insertMissingDefaults(at: string): Promise<number> {
    const existing = new Set(
      (
        (await this.database.db.selectFrom('surveillance_detection_rules').select('id').execute()) as {
          id: string;
        }[]
      ).map((r) => r.id),
    );
    const missing = defaultDetectionRules().filter((r) => !existing.has(r.id));
    if (missing.length > 0)
      await this.database.db
        .insertInto('surveillance_detection_rules')
        .values(missing.map((r) => toRow(r, 'system:defaults', at)))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    return missing.length;
  }

  async list(): Promise<StoredRule[]> {
    await this.ensureDefaults();
    const rows = (await this.database.db
      .selectFrom('surveillance_detection_rules')
      .selectAll()
      .orderBy('id')
      .execute()) as RuleRow[];
    return rows.map(toRule);
  }

  async find(id: string): Promise<StoredRule | undefined> {
    await this.ensureDefaults();
    const row = (await this.database.db
      .selectFrom('surveillance_detection_rules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as RuleRow | undefined;
    return row ? toRule(row) : undefined;
  }

  async save(rule: DetectionRule, by: string, at: string): Promise<void> {
    const row = toRow(rule, by, at);
    const { id: _id, ...changes } = row;
    await this.database.db
      .insertInto('surveillance_detection_rules')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }
}
