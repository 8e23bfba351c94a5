import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { listParamsSchema } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations } from '../testing.js';
import type { ImportHandler } from './import-handler.js';

interface Row {
  line: number;
  name: string;
}

/** A minimal handler: one name per line; lines starting with "!" are invalid; "?" fails on apply. */
function namesHandler(): ImportHandler<Row> {
  return {
    kind: 'names',
    description: 'test names',
    parse(text) {
      const lines = text.split('\n').filter((l) => l !== '');
      const records: Row[] = [];
      const issues = [];
      for (const [i, name] of lines.entries()) {
        if (name.startsWith('!'))
          issues.push({ line: i + 1, field: 'name', reason: 'must not start with !' });
        else records.push({ line: i + 1, name });
      }
      return { records, issues, total: lines.length };
    },
    async apply(executor, records) {
      const bad = records
        .filter((r) => r.name.startsWith('?'))
        .map((r) => ({ line: r.line, field: 'name', reason: 'unknown reference' }));
      await executor
        .insertInto('probe_names')
        .values(records.map((r) => ({ name: r.name })))
        .execute();
      return { accepted: records.length, unchanged: 0, issues: bad };
    },
  };
}

describeEachDatabase(
  'imports',
  (getDatabase) => {
    it('applies a clean file and records the job', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      await getDatabase()
        .db.schema.createTable('probe_names')
        .ifNotExists()
        .addColumn('name', 'text')
        .execute();
      hub.imports.register(namesHandler());
      const report = await hub.imports.run(ctx, { kind: 'names', fileName: 'a.txt', text: 'ann\nbob\n' });
      expect(report).toMatchObject({ status: 'accepted', total: 2, accepted: 2, rejected: 0, errors: [] });
      const job = await hub.imports.getJob(report.jobId);
      expect(job).toMatchObject({ status: 'accepted', accepted: 2, progress: 1 });
    });

    it('tells a kind that streams how large the streamed file is, so it can plan a bulk load', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const seen: (number | undefined)[] = [];
      hub.imports.register({
        ...namesHandler(),
        kind: 'streamed-names',
        async importStream(chunks, context) {
          let lines = 0;
          for await (const chunk of chunks)
            lines += String(chunk)
              .split('\n')
              .filter((l) => l).length;
          seen.push(context.sizeBytes);
          return { status: 'accepted', total: lines, accepted: lines, unchanged: 0, issues: [] };
        },
      });
      const file = () =>
        (async function* () {
          yield 'ann\nbob\n';
        })();
      const sized = await hub.imports.run(ctx, {
        kind: 'streamed-names',
        fileName: 'a.ndjson',
        text: '',
        stream: file(),
        streamBytes: 8,
      });
      await hub.imports.run(ctx, { kind: 'streamed-names', fileName: 'b.ndjson', text: '', stream: file() });
      expect(sized).toMatchObject({ status: 'accepted', total: 2 });
      expect(seen).toEqual([8, undefined]);
    });

    it('rejects the whole file when one line is bad, changing nothing', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      hub.imports.register(namesHandler());
      const before = await getDatabase().db.selectFrom('probe_names').selectAll().execute();
      const report = await hub.imports.run(ctx, {
        kind: 'names',
        fileName: 'b.txt',
        text: 'cat\n!dog\neve\n',
      });
      expect(report).toMatchObject({
        status: 'rejected',
        accepted: 0,
        rejected: 1,
        errors: [{ line: 2, field: 'name', reason: 'must not start with !' }],
      });
      expect(await getDatabase().db.selectFrom('probe_names').selectAll().execute()).toHaveLength(
        before.length,
      );
    });

    it('rolls back a file whose records fail while being applied', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      hub.imports.register(namesHandler());
      const before = await getDatabase().db.selectFrom('probe_names').selectAll().execute();
      const report = await hub.imports.run(ctx, { kind: 'names', fileName: 'c.txt', text: 'fay\n?gus\n' });
      expect(report.status).toBe('rejected');
      expect(await getDatabase().db.selectFrom('probe_names').selectAll().execute()).toHaveLength(
        before.length,
      );
    });

    it('with partial, applies the good lines and reports the bad ones', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      hub.imports.register(namesHandler());
      const report = await hub.imports.run(ctx, {
        kind: 'names',
        fileName: 'd.txt',
        text: 'hal\n!ivy\njon\n',
        partial: true,
      });
      expect(report).toMatchObject({ status: 'partial', accepted: 2, rejected: 1 });
      expect(report.errors[0]).toMatchObject({ line: 2 });
    });

    it('shows a lab clerk’s account only the imports it started, a source its own, officials all', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      // Under a kind data sources submit (a kind no source type names is for staff only).
      hub.imports.register({ ...namesHandler(), kind: 'checkins' });
      const as = (principal: Partial<AccessContext['principal']>): AccessContext => ({
        ...ctx,
        principal: { ...ctx.principal, ...principal },
      });
      const clerkA = as({ kind: 'user', id: 'usr-clerk-a', role: 'data_source', areaCode: '4302' });
      const clerkB = as({ kind: 'user', id: 'usr-clerk-b', role: 'data_source', areaCode: '4302' });
      const sourceKey = as({ kind: 'api_key', id: 'key-c', role: 'data_source', sourceId: 'src-c' });
      const official = as({ kind: 'user', id: 'usr-epi', role: 'epidemiologist', areaCode: '4302' });
      const file = { kind: 'checkins', fileName: 'names.txt', text: 'kim\n' };
      const ofA = await hub.imports.run(clerkA, file);
      const ofC = await hub.imports.run(sourceKey, file);
      const page = listParamsSchema.parse({ limit: 100 });
      const ids = async (who: AccessContext) =>
        (await hub.imports.listJobs(who, page)).items.map((j) => j.id);
      expect(await ids(clerkA)).toEqual([ofA.jobId]);
      expect(await ids(clerkB)).toEqual([]);
      expect(await ids(sourceKey)).toEqual([ofC.jobId]);
      expect(await ids(official)).toEqual(expect.arrayContaining([ofA.jobId, ofC.jobId]));
      expect(await hub.imports.getJobFor(clerkB, ofA.jobId)).toBeUndefined();
      expect(await hub.imports.getJobFor(sourceKey, ofA.jobId)).toBeUndefined();
      expect(await hub.imports.getJobFor(clerkA, ofA.jobId)).toMatchObject({ id: ofA.jobId });
      expect(await hub.imports.getJobFor(official, ofC.jobId)).toMatchObject({ id: ofC.jobId });
    });

    it('names the known kinds when given an unknown one', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      hub.imports.register(namesHandler());
      await expect(hub.imports.run(ctx, { kind: 'nope', fileName: 'x', text: '' })).rejects.toThrow(
        /one of names/,
      );
    });
  },
  { migrations: hubTestMigrations },
);
