/**
 * Runs the platform's migrations: one ordered static map (no file scanning, so it works under tsx and
 * after bundling), assembled from every module's own migrations by the application.
 */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import { AppError } from '@shuzhi/core';
import type { Database } from './connection.js';

export type MigrationMap = Record<string, Migration>;

export interface MigrationReport {
  applied: string[];
  total: number;
}

export async function migrateToLatest(
  database: Database,
  migrations: MigrationMap,
): Promise<MigrationReport> {
  const order = Object.keys(migrations);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Module migrations are named `<module>/<nnnn>_<name>` and run in the order of the map (modules in
    // dependency order), not alphabetically; a module added later may run after others already applied.
    allowUnorderedMigrations: true,
    nameComparator: (a, b) => order.indexOf(a) - order.indexOf(b),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new AppError('internal', `migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: Object.keys(migrations).length,
  };
}
