/**
 * Tables of indicator-based early warning: daily indicator counts and the records' contributions to
 * them; detection rules, runs and the alerts they raise with their alarms and triage decisions; alert
 * subscriptions and the notifications routed to them.
 */
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, type MigrationMap } from '@shuzhi/db';

export const surveillanceMigrations: MigrationMap = {
  'surveillance/0001_indicators': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('surveillance_indicator_counts')
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('area_level', 'text', (c) => c.notNull())
        // Sum of the records' contributions below and in this area; `imported` is a stated figure
        // that replaces it; `count` = coalesce(imported, derived), what every reader uses.
        .addColumn('derived', t.bigint, (c) => c.notNull())
        .addColumn('imported', t.bigint)
        .addColumn('count', t.bigint, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_indicator_counts_pk', ['area_code', 'indicator', 'date'])
        .execute();
      await db.schema
        .createIndex('surveillance_indicator_counts_level')
        .on('surveillance_indicator_counts')
        .columns(['area_level', 'indicator', 'date'])
        .execute();

      await db.schema
        .createTable('surveillance_indicator_contributions')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('area_level', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('count', t.bigint, (c) => c.notNull())
        .addColumn('imported', t.bool, (c) => c.notNull())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_indicator_contributions_pk', ['key', 'indicator'])
        .execute();

      // When each data source last sent something indicators are made from (freshness on the dashboard).
      await db.schema
        .createTable('surveillance_source_activity')
        .addColumn('source_id', 'text', (c) => c.primaryKey())
        .addColumn('last_event_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_topic', 'text', (c) => c.notNull())
        .addColumn('events', t.bigint, (c) => c.notNull())
        .execute();
    },
  },
  'surveillance/0002_alerts': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('surveillance_detection_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('area_level', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('aggregation', 'text', (c) => c.notNull())
        .addColumn('control', t.json, (c) => c.notNull())
        .addColumn('min_count', 'integer', (c) => c.notNull())
        .addColumn('base_level', 'text', (c) => c.notNull())
        .addColumn('escalation', t.json, (c) => c.notNull())
        .addColumn('enabled', t.bool, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      // Default rules are inserted by the rules repository on start-up (`ensureDefaults`).

      await db.schema
        .createTable('surveillance_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('area_level', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('level_rank', 'integer', (c) => c.notNull())
        .addColumn('first_alarm_date', 'text', (c) => c.notNull())
        .addColumn('last_alarm_date', 'text', (c) => c.notNull())
        .addColumn('alarm_days', 'integer', (c) => c.notNull())
        .addColumn('latest_observed', t.double, (c) => c.notNull())
        .addColumn('latest_expected', t.double)
        .addColumn('latest_upperbound', t.double)
        .addColumn('peak_ratio', t.double, (c) => c.notNull())
        .addColumn('algorithms', t.json, (c) => c.notNull())
        .addColumn('level_at_triage', 'text')
        .addColumn('opened_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('escalated_at', t.timestamp)
        .addColumn('triaged_by', 'text')
        .addColumn('triaged_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('surveillance_alerts_episode')
        .on('surveillance_alerts')
        .columns(['area_code', 'indicator', 'last_alarm_date'])
        .execute();
      await db.schema
        .createIndex('surveillance_alerts_status')
        .on('surveillance_alerts')
        .columns(['status', 'level_rank'])
        .execute();

      // A one-row lock: detection takes it first in each write, so two processes never open the same
      // episode twice (SQLite takes its write lock at once; PostgreSQL locks the row until commit).
      await db.schema
        .createTable('surveillance_locks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('taken', t.bigint, (c) => c.notNull())
        .execute();
      await db.insertInto('surveillance_locks').values({ name: 'detection', taken: 0 }).execute();

      await db.schema
        .createTable('surveillance_alert_alarms')
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('aggregation', 'text', (c) => c.notNull())
        .addColumn('observed', t.double, (c) => c.notNull())
        .addColumn('expected', t.double)
        .addColumn('upperbound', t.double)
        .addColumn('detected_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('surveillance_alert_alarms_pk', ['alert_id', 'date', 'rule_id'])
        .execute();

      await db.schema
        .createTable('surveillance_alert_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alert_id', 'text', (c) => c.notNull())
        // 1, 2, 3… within the alert: decisions made in the same instant keep their order.
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('from_level', 'text')
        .addColumn('to_level', 'text')
        .addColumn('note', 'text')
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('surveillance_alert_decisions_alert')
        .on('surveillance_alert_decisions')
        .columns(['alert_id', 'position'])
        .execute();

      await db.schema
        .createTable('surveillance_detection_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .addColumn('series', 'integer', (c) => c.notNull())
        .addColumn('alarms', 'integer', (c) => c.notNull())
        .addColumn('alerts_opened', 'integer', (c) => c.notNull())
        .addColumn('alerts_updated', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('surveillance_detection_runs_started')
        .on('surveillance_detection_runs')
        .column('started_at')
        .execute();

      await db.schema
        .createTable('surveillance_alert_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('secret', 'text')
        .addColumn('min_level', 'text', (c) => c.notNull())
        .addColumn('area_prefix', 'text')
        .addColumn('indicators', t.json)
        .addColumn('active', t.bool, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('surveillance_alert_notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('feed_seq', t.bigint, (c) => c.notNull())
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('body', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('read_at', t.timestamp)
        .addColumn('delivery', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', t.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', t.timestamp)
        .addUniqueConstraint('surveillance_alert_notifications_once', ['subscription_id', 'feed_seq'])
        .execute();
      await db.schema
        .createIndex('surveillance_alert_notifications_owner')
        .on('surveillance_alert_notifications')
        .columns(['owner_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('surveillance_alert_notifications_due')
        .on('surveillance_alert_notifications')
        .columns(['delivery', 'next_attempt_at'])
        .execute();
    },
  },
};
