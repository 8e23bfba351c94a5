import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportHandler } from './import-handler.js';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { dataHubFixture, patientLine, pcrResultLine } from '../records/testing.js';
import { exampleResidentId } from '../core/csv/templates/person-columns.js';
import { hubTestMigrations } from '../testing.js';
import { importsRoutes } from './imports.routes.js';

/** The imports routes alone, every request acting as the fixture's context (no gatekeeper here). */
async function importsApp(database: Parameters<typeof dataHubFixture>[0]) {
  const { hub, ctx } = dataHubFixture(database);
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('ctx', null as unknown as AccessContext);
  app.addHook('onRequest', async (request) => {
    request.ctx = ctx;
  });
  await app.register(importsRoutes, { imports: hub.imports });
  return { app, hub };
}

/** Resolves with the promise's value, or with 'still waiting' when it takes longer than `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T | 'still waiting'> {
  return Promise.race([
    promise,
    new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), ms)),
  ]);
}

/**
 * A streaming kind that stores in one transaction, as the FHIR NDJSON import does, reports half its file
 * done, then holds the transaction open until the test lets it finish: an import still running.
 */
function heldImport(database: Parameters<typeof dataHubFixture>[0]) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let reachedHalf: () => void = () => undefined;
  const half = new Promise<void>((r) => (reachedHalf = r));
  const handler: ImportHandler<string> = {
    kind: 'held-lines',
    description: 'lines, held open half-way, for the tests',
    parse: () => ({ records: [], issues: [], total: 0 }),
    apply: async () => ({ accepted: 0, unchanged: 0 }),
    async importStream(chunks, context) {
      let lines = 0;
      for await (const chunk of chunks)
        lines += String(chunk)
          .split('\n')
          .filter((l) => l).length;
      await database.db.transaction().execute(async (trx) => {
        await trx.selectFrom('import_jobs').select('id').execute();
        context.progress(lines / 2, lines);
        reachedHalf();
        await released;
      });
      return { status: 'accepted', total: lines, accepted: lines, unchanged: 0, issues: [] };
    },
  };
  return { handler, half, release };
}

const bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      resource: { resourceType: 'Patient', id: 'ct-p1', name: [{ text: '病人' }], gender: 'female' },
      request: { method: 'PUT', url: 'Patient/ct-p1' },
    },
  ],
};

describeEachDatabase(
  'imports over HTTP',
  (getDatabase) => {
    let app: FastifyInstance;
    let labResultsExample: string;
    beforeAll(async () => {
      const built = await importsApp(getDatabase());
      app = built.app;
      labResultsExample = built.hub.imports.template('lab-results')!.example;
    });
    afterAll(async () => app.close());

    const upload = (kind: string, contentType: string, payload: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=${kind}&wait=true`,
        headers: { 'content-type': contentType },
        payload,
      });

    it('takes a FHIR Bundle file sent as application/fhir+json, as a FHIR client sends it', async () => {
      const response = await upload('fhir', 'application/fhir+json', JSON.stringify(bundle));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'accepted', accepted: 1 });
    });

    it('takes a file sent as application/octet-stream, as generic upload tools send it, streamed or read whole', async () => {
      const ndjson = await upload('fhir', 'application/octet-stream', `${patientLine('ct-p2')}\n`);
      expect(ndjson.statusCode, ndjson.body).toBe(200);
      expect(ndjson.json()).toMatchObject({ status: 'accepted', accepted: 1 });
      const csv = await upload('lab-results', 'application/octet-stream', labResultsExample);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.json()).toMatchObject({ kind: 'lab-results', status: 'accepted', total: 1 });
    });

    it('reports the refused lines in the order of the file, whichever check refused them', async () => {
      // Line 2 is refused when stored (dated in the future), line 3 when read (no such result): the file's
      // reader reports first, so unordered the clerk would read line 3 before line 2.
      const [header, example] = labResultsExample.trim().split(/\r?\n/) as [string, string];
      const future = example.replace('R-2022-000001', 'R-FUTURE').replaceAll('2022-03-05', '2099-03-05');
      const unknown = example.replace('R-2022-000001', 'R-MAYBE').replace(',negative,', ',maybe,');
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/imports?kind=lab-results&wait=true&partial=true',
        headers: { 'content-type': 'text/csv' },
        payload: [header, future, unknown, ''].join('\n'),
      });
      expect(response.statusCode, response.body).toBe(200);
      const issues = response.json<{ issues: { line: number; field: string }[] }>().issues;
      expect(issues.map((i) => [i.line, i.field])).toEqual([
        [2, 'specimen_collected_at'],
        [3, 'result'],
      ]);
      const listed = await app.inject({ method: 'GET', url: `/api/v1/imports/${response.json().id}` });
      expect(listed.json<{ issues: { line: number }[] }>().issues.map((i) => i.line)).toEqual([2, 3]);
    });

    it("gives the record store's refusals their codes, so the imports page translates them", async () => {
      const response = await upload(
        'fhir',
        'application/x-ndjson',
        `${pcrResultLine('ct-o1', 'ct-ghost')}\n`,
      );
      expect(response.statusCode, response.body).toBe(200);
      // The refusal's code, whichever the record store gives (an unknown Patient, or not one of the source's).
      const [issue, ...more] = response.json<{ issues: Record<string, unknown>[] }>().issues;
      expect(more).toEqual([]);
      expect(issue).toMatchObject({ line: 1, field: 'subject', code: expect.stringMatching(/^patient-/) });
      expect(issue!['reasonZh']).toMatch(
        /^数据中心尚无 Patient\/ct-ghost|^Patient\/ct-ghost 不是本数据源的记录/,
      );
    });

    it('gives every refused line its reason in Chinese beside the English, a pattern hint and header included', async () => {
      const [header, example] = labResultsExample.trim().split(/\r?\n/) as [string, string];
      const badCode = example.replace('R-2022-000001', 'R-BADCODE').replace(',94500-6,', ',covid,');
      const unknown = example.replace('R-2022-000001', 'R-MAYBE').replace(',negative,', ',maybe,');
      const send = (payload: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/imports?kind=lab-results&wait=true',
          headers: { 'content-type': 'text/csv' },
          payload,
        });
      const rows = await send([header, badCode, unknown, ''].join('\n'));
      expect(rows.json().issues).toMatchObject([
        {
          line: 2,
          field: 'test_code',
          reason: 'must be a LOINC code such as 94500-6',
          code: 'pattern',
          reasonZh: '格式应为：LOINC 编码，如 94500-6',
        },
        {
          line: 3,
          field: 'result',
          reason: 'must be one of positive, negative, indeterminate',
          reasonZh: '必须是以下之一：positive, negative, indeterminate',
        },
      ]);
      const headerOnly = await send(`${header.replace('result_id', 'result_no')}\n`);
      expect(headerOnly.json().issues[0]).toMatchObject({ code: 'csv-header' });
      expect(headerOnly.json().issues[0].reasonZh).toMatch(/：缺少 result_id；无法识别 result_no$/);
    });

    it('lists the warning of a row imported with a resident ID that fails its check, in both languages, now and later', async () => {
      const [header, example] = labResultsExample.trim().split(/\r?\n/) as [string, string];
      const id = exampleResidentId;
      const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      const kept = example.replace('R-2022-000001', 'R-WARN').replace(id, wrongCheck);
      const response = await upload('lab-results', 'text/csv', [header, kept, ''].join('\n'));
      expect(response.statusCode, response.body).toBe(200);
      const warning = {
        line: 2,
        field: 'resident_id',
        code: 'identifier-kept-invalid',
        reason:
          'its check character does not match its first 17 digits (GB 11643); kept, but not used to link persons',
        reasonZh: '校验码与前 17 位不符（GB 11643）；已保留，但不用于关联人员',
      };
      expect(response.json()).toMatchObject({
        status: 'accepted',
        accepted: 1,
        issues: [],
        warnings: [warning],
        warningCount: 1,
      });
      const read = await app.inject({ method: 'GET', url: `/api/v1/imports/${response.json().id}` });
      expect(read.json()).toMatchObject({ warnings: [warning], warningCount: 1 });
      // A list of jobs carries the count only, as it carries no issues.
      const listed = await app.inject({ method: 'GET', url: '/api/v1/imports' });
      const item = listed.json<{ items: { id: string }[] }>().items.find((j) => j.id === response.json().id);
      expect(item).toMatchObject({ warnings: [], warningCount: 1 });
    });

    it('answers 202 while the import still runs, and shows its progress moving before it ends', async () => {
      const held = heldImport(getDatabase());
      const { app: own, hub } = await importsApp(getDatabase());
      hub.imports.register(held.handler);
      let id = '';
      try {
        const posted = own.inject({
          method: 'POST',
          url: '/api/v1/imports?kind=held-lines&fileName=big.ndjson',
          headers: { 'content-type': 'application/x-ndjson' },
          payload: 'a\nb\nc\nd\n',
        });
        const answer = await within(2000, posted);
        expect(answer, 'the 202 waited for the import to end').not.toBe('still waiting');
        if (answer === 'still waiting') return;
        expect(answer.statusCode, answer.body).toBe(202);
        id = answer.json<{ id: string }>().id;
        expect(answer.json()).toMatchObject({ status: 'running', fileName: 'big.ndjson' });
        await held.half;
        const followed = await within(2000, own.inject({ method: 'GET', url: `/api/v1/imports/${id}` }));
        expect(followed, 'reading the job waited for the import to end').not.toBe('still waiting');
        if (followed === 'still waiting') return;
        expect(followed.json()).toMatchObject({ id, status: 'running', progress: 0.5 });
        const listed = await within(2000, hub.imports.getJob(id));
        expect(listed).toMatchObject({ status: 'running', progress: 0.5 });
      } finally {
        held.release();
      }
      await expect.poll(async () => (await hub.imports.getJob(id))?.status).toBe('accepted');
      expect(await hub.imports.getJob(id)).toMatchObject({ progress: 1, total: 4, accepted: 4 });
      await own.close();
    });
  },
  { migrations: hubTestMigrations },
);
