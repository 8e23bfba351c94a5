import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { csvTemplate, exampleCsv } from '../core/index.js';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture } from './testing.js';

/** A lab-results CSV of `rows` rows: the template's example row, each with its own result and patient. */
function labResults(rows: number): string {
  const [header, example] = exampleCsv(csvTemplate('lab-results')!)
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const lines = [header!];
  for (let i = 0; i < rows; i++)
    lines.push(example!.replace(/^[^,]*,[^,]*,[^,]*/, `R-SLICE-${i},PAT-SLICE-${i},`));
  return lines.join('\n');
}

describeEachDatabase(
  'CSV import in time-sized batches',
  (getDatabase) => {
    it('lets the rest of the server run between its batches: timers fire while it stores', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const ticksAtProgress: number[] = [];
      try {
        const report = await hub.imports.run(ctx, {
          kind: 'lab-results',
          fileName: 'slices.csv',
          text: labResults(2500),
          onProgress: () => ticksAtProgress.push(ticks),
        });
        expect(report).toMatchObject({ status: 'accepted', accepted: 2500 });
      } finally {
        clearInterval(timer);
      }
      // Before, the batches ran as one chain of promise callbacks on SQLite: no timer (no request) ran from
      // the first batch to the last.
      expect(ticksAtProgress.length).toBeGreaterThan(2);
      expect(ticksAtProgress.at(-1)!).toBeGreaterThan(ticksAtProgress[0]!);
    });
  },
  { migrations: hubTestMigrations },
);
