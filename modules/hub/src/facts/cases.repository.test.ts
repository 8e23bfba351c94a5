import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubTestMigrations } from '../testing.js';
import { CasesRepository } from './cases.repository.js';

describeEachDatabase(
  'cases and follow-ups by person',
  (getDatabase) => {
    it('look up more persons than one statement may bind (a sweep over a city)', async () => {
      const database = getDatabase();
      const cases = new CasesRepository(database);
      // Past SQLite's 32 766 and PostgreSQL's 65 535 bound parameters.
      const many = Array.from({ length: 70_000 }, (_, i) => `per-${i}`);
      await expect(cases.tasksOf(database.db, many)).resolves.toEqual([]);
      await expect(cases.openTasksOf(database.db, 'positive-unreported', many)).resolves.toEqual([]);
      await expect(cases.casesOf(database.db, many)).resolves.toEqual([]);
    });
  },
  { migrations: hubTestMigrations },
);
