/**
 * A CSV row whose resident ID fails its GB 11643 check is imported, the number kept as an untrusted
 * identifier, and the import says so: a warning naming the line, the field and the problem (never the
 * number), stored with the job so its report shows it later, capped as errors are, with the total.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { listParamsSchema } from '@shuzhi/core';
import { composeResidentId } from '../core/identifiers/resident-id.js';
import { dataHubFixture, labResultRow, labResultsHeader as header } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';
import type { ImportHandler } from './import-handler.js';

const goodId = composeResidentId('430202', '1985-03-12', '123');
const wrongCheckId = withWrongCheckCharacter(composeResidentId('430202', '1990-07-01', '456'));

/** The same number with another check character: 17 plausible digits that fail only GB 11643's check. */
function withWrongCheckCharacter(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

/** A lab-results row stating no birth date: the resident ID alone tells it. */
function resultRow(resultId: string, who: string, residentId: string): string {
  return labResultRow(resultId, who, { residentId, birthDate: '' });
}

const travelersHeader =
  'person_id,name,sex,birth_date,nationality,document_type,document_number,arrival,port,trip_id,origin_country,destination_area';

/** A handler whose every line is imported with a warning: enough lines to pass the stored report's cap. */
function warnedLinesHandler(): ImportHandler<number> {
  return {
    kind: 'warned-lines',
    description: 'lines, each with a warning, for the tests',
    parse(text) {
      const lines = text.split('\n').filter((l) => l !== '');
      const warnings = lines.map((_, k) => ({ line: k + 1, field: 'value', reason: 'doubtful' }));
      return { records: lines.map((_, k) => k + 1), issues: [], warnings, total: lines.length };
    },
    apply: async (_executor, records) => ({ accepted: records.length, unchanged: 0 }),
  };
}

describeEachDatabase(
  'CSV imports with a resident ID that fails its check',
  (getDatabase) => {
    it('import the row, keep the ID, and report one warning with line and field, also on the stored job', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const text = `${header}\n${resultRow('R1', 'PAT-1', goodId)}\n${resultRow('R2', 'PAT-2', wrongCheckId)}\n`;
      const report = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'lab.csv',
        sourceId: 'warn-lab',
        text,
      });
      expect(report).toMatchObject({ status: 'accepted', total: 2, accepted: 2, rejected: 0, errors: [] });
      expect(report.warnings).toEqual([
        {
          line: 3,
          field: 'resident_id',
          reason:
            'its check character does not match its first 17 digits (GB 11643); kept, but not used to link persons',
          code: 'identifier-kept-invalid',
          params: { problem: 'its check character does not match its first 17 digits (GB 11643)' },
        },
      ]);
      // Personal data stays out of the report: neither the number nor its check character.
      expect(JSON.stringify(report.warnings)).not.toContain(wrongCheckId.slice(0, 6));

      // Read again from the table, by a service that did not run the import (nothing of it in memory).
      const reader = dataHubFixture(getDatabase()).hub.imports;
      const job = await reader.getJob(report.jobId);
      expect(job).toMatchObject({ status: 'accepted', warning_count: 1, warnings: report.warnings });
      const listed = await reader.listJobs(ctx, listParamsSchema.parse({}));
      expect(listed.items.find((j) => j.id === report.jobId)).toMatchObject({ warning_count: 1 });

      // The number is kept on the person record as an untrusted identifier, as before.
      const stored = await getDatabase()
        .db.selectFrom('hub_records')
        .select('record')
        .where('source_id', '=', 'warn-lab')
        .where('source_record_id', '=', 'PAT-2')
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored.record)).toContain(wrongCheckId);
    });

    it('warn on a traveller whose resident identity card number fails, naming the document number', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const row = `T-1,李雷,male,1990-07-01,CHN,cn-resident,${wrongCheckId},2022-03-05T14:20:00+08:00,CSX,,GB,430202`;
      const report = await hub.imports.run(ctx, {
        kind: 'travelers',
        fileName: 'travelers.csv',
        text: `${travelersHeader}\n${row}\n`,
      });
      expect(report).toMatchObject({ status: 'accepted', accepted: 1, errors: [] });
      expect(report.warnings).toMatchObject([
        { line: 2, field: 'document_number', code: 'identifier-kept-invalid' },
      ]);
    });

    it('store the first 1000 warnings of a job and the count of all of them', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      hub.imports.register(warnedLinesHandler());
      const lines = Array.from({ length: 1003 }, (_, k) => `line ${k + 1}`).join('\n');
      const report = await hub.imports.run(ctx, { kind: 'warned-lines', fileName: 'w.txt', text: lines });
      expect(report.warnings).toHaveLength(1003);
      const job = await dataHubFixture(getDatabase()).hub.imports.getJob(report.jobId);
      expect(job?.warnings).toHaveLength(1000);
      expect(job?.warning_count).toBe(1003);
    });
  },
  { migrations: hubTestMigrations },
);
