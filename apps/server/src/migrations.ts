/** Every module's migrations, in the order modules depend on each other. */
import type { MigrationMap } from '@shuzhi/db';
import { identityMigrations } from '@shuzhi/identity';
import { hubMigrations } from '@shuzhi/hub';
import { signalsMigrations, surveillanceMigrations } from '@shuzhi/surveillance';
import { tracingMigrations } from '@shuzhi/tracing';

export const allMigrations: MigrationMap = {
  ...identityMigrations,
  ...hubMigrations,
  ...signalsMigrations,
  ...surveillanceMigrations,
  ...tracingMigrations,
};
