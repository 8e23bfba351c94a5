import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { ImportHandler } from '@shuzhi/hub';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';
import { importSpoolDirectory } from './platform.js';

/** The limit the tests configure (SHUZHI_IMPORT_MAX_BYTES): small, so a test can exceed it. */
const MAX_BYTES = 64 * 1024;

/** A streaming kind for the tests: counts the lines it reads; a line `boom` makes storage fail. */
const linesHandler: ImportHandler<string> = {
  kind: 'test-lines',
  description: 'lines, streamed, for the upload tests',
  parse: (text) => {
    const lines = text.split('\n').filter((l) => l !== '');
    return { records: lines, issues: [], total: lines.length };
  },
  apply: async (_executor, records) => ({ accepted: records.length, unchanged: 0 }),
  async importStream(chunks) {
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const lines = Buffer.concat(parts)
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
    if (lines.includes('boom')) throw new Error('storage failed half-way');
    return { status: 'accepted', total: lines.length, accepted: lines.length, unchanged: 0, issues: [] };
  },
};

/** A Patient in Hetang District (area-scoped staff see only patients of their area). */
function patientLine(id: string, name: string): string {
  return JSON.stringify({
    resourceType: 'Patient',
    id,
    name: [{ text: name }],
    gender: 'female',
    address: [{ extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: '430202' }] }],
  });
}

function observationLine(id: string, subject: string, code: string | null): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', ...(code ? { code } : {}) }] },
    subject: { reference: subject },
    effectiveDateTime: '2026-03-01T08:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  });
}

/** An NDJSON lab file: two good lines, then one whose Observation has no code, then a line cut short. */
function labFile(prefix: string): string {
  return [
    patientLine(`${prefix}-p1`, '周敏'),
    observationLine(`${prefix}-o1`, `Patient/${prefix}-p1`, '94500-6'),
    observationLine(`${prefix}-o2`, `Patient/${prefix}-p1`, null),
    '{"resourceType":"Observation",',
  ].join('\n');
}

async function waitFor<T>(read: () => Promise<T>, until: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (until(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('where uploads are spooled', () => {
  it('beside the embedded database file, else in the system temp folder', () => {
    expect(importSpoolDirectory('sqlite:/srv/shuzhi/data/shuzhi.db')).toBe('/srv/shuzhi/data/import-spool');
    expect(importSpoolDirectory('sqlite::memory:')).toBe(tmpdir());
    expect(importSpoolDirectory('postgres://u:p@db/shuzhi')).toBe(tmpdir());
  });
});

describeEachDatabase('large imports over HTTP (spooled to disk)', (getDatabase) => {
  let t: TestApp;
  let spool: string;
  let lab: Record<string, string>;
  let epi: Record<string, string>;
  const spooled = () => readdir(spool);
  const jobs = async () =>
    (await t.app.inject({ url: '/api/v1/imports', headers: epi })).json() as {
      total: number;
      items: { fileName: string; status: string }[];
    };
  const jobCount = async () => (await jobs()).total;
  const patientCount = async () =>
    ((await t.app.inject({ url: '/fhir/r4/Patient?_count=0', headers: epi })).json() as { total: number })
      .total;

  beforeAll(async () => {
    spool = await mkdtemp(join(tmpdir(), 'shuzhi-spool-test-'));
    t = await createTestApp(getDatabase(), { importMaxBytes: MAX_BYTES }, { importSpoolDirectory: spool });
    t.platform.hub.imports.register(linesHandler);
    const adminSession = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: adminSession.headers,
      payload: { name: '株洲市疾控中心实验室 CDC lab', type: 'lab', areaCode: '4302' },
    });
    lab = { authorization: `Bearer ${(created.json() as { apiKey: string }).apiKey}` };
    epi = await signInBearer(t.app, 'epi');
  });
  afterAll(async () => {
    await t.close();
    await rm(spool, { recursive: true, force: true });
  });

  it('reports an NDJSON upload exactly as the same file read whole: line, field and reason; all or nothing', async () => {
    const upload = (contentType: string, prefix: string, partial: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=fhir&fileName=lab.ndjson&wait=true&partial=${partial}`,
        headers: { ...epi, 'content-type': contentType },
        payload: labFile(prefix),
      });
    const comparable = (body: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(body).filter(([key]) => !['id', 'createdAt', 'finishedAt'].includes(key)),
      );
    const patientsBefore = await patientCount();
    // text/plain is read whole (as before); application/x-ndjson is spooled and streamed.
    const whole = await upload('text/plain', 'whole', false);
    const streamed = await upload('application/x-ndjson', 'streamed', false);
    expect(streamed.statusCode).toBe(200);
    expect(streamed.json()).toMatchObject({ status: 'rejected', total: 4, accepted: 0, rejected: 2 });
    expect(comparable(streamed.json())).toEqual(comparable(whole.json()));
    const issues = (streamed.json() as { issues: { line: number; field?: string; reason: string }[] }).issues;
    // Issues carry their reason's code and parameters too (for the imports page's translations).
    expect(issues).toContainEqual(
      expect.objectContaining({
        line: 3,
        field: 'Observation.code.coding[0].code',
        reason: 'code is required',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ line: 4, reason: expect.stringMatching(/^not valid JSON/) }),
    );
    expect([...new Set(issues.map((i) => i.line))]).toEqual([3, 4]);
    // All or nothing: the good lines of the rejected file were not stored.
    expect(await patientCount()).toBe(patientsBefore);

    const partialWhole = await upload('text/plain', 'partial-whole', true);
    const partialStreamed = await upload('application/fhir+ndjson', 'partial-streamed', true);
    expect(partialStreamed.json()).toMatchObject({ status: 'partial', accepted: 2, rejected: 2 });
    expect(comparable(partialStreamed.json())).toEqual(comparable(partialWhole.json()));
    expect(await patientCount()).toBe(patientsBefore + 2);
    expect(await spooled()).toEqual([]);
  });

  it('answers $import with 202 once the body is spooled, imports it in the background, then deletes the file', async () => {
    const before = await jobCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/$import',
      headers: { ...lab, 'content-type': 'application/fhir+ndjson' },
      payload: Readable.from(
        [patientLine('bg-p1', '吴刚'), observationLine('bg-o1', 'Patient/bg-p1', '94558-4')].map(
          (l) => `${l}\n`,
        ),
      ),
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().issue[0].diagnostics).toMatch(/^import imp_\w+ started$/);
    const jobUrl = response.headers['content-location'] as string;
    const job = await waitFor(
      async () => (await t.app.inject({ url: jobUrl, headers: lab })).json() as { status: string },
      (j) => j.status !== 'running',
      'the $import job',
    );
    expect(job).toMatchObject({ status: 'accepted', total: 2, accepted: 2, rejected: 0 });
    expect(await jobCount()).toBe(before + 1);
    await waitFor(spooled, (files) => files.length === 0, 'the spool file to be deleted');
  });

  it('refuses a body above the configured maximum with 413 naming the limit, leaving no job and no file', async () => {
    const before = await jobCount();
    const big = `${'x'.repeat(1023)}\n`.repeat(MAX_BYTES / 1024 + 1);

    // Declared too large (Content-Length): refused before a byte is read. FHIR answers an OperationOutcome.
    const declared = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/$import?wait=true',
      headers: { ...lab, 'content-type': 'application/fhir+ndjson' },
      payload: big,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.headers.connection).toBe('close');
    expect(declared.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', expression: ['body'] }],
    });
    expect(declared.json().issue[0].diagnostics).toContain(`SHUZHI_IMPORT_MAX_BYTES), ${MAX_BYTES} bytes`);

    // Sent without a length (chunked): refused as soon as the count passes the limit. The API's problem shape.
    const chunked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=test-lines',
      headers: { ...epi, 'content-type': 'application/x-ndjson' },
      payload: Readable.from(big.match(/[^]{1,4096}/g)!),
    });
    expect(chunked.statusCode).toBe(413);
    expect(chunked.headers['content-type']).toContain('application/problem+json');
    expect(chunked.json()).toMatchObject({
      status: 413,
      code: 'content_too_large',
      issues: [{ field: 'body', reason: expect.stringContaining(`${MAX_BYTES} bytes`) }],
    });

    // A body just at the limit is taken.
    const atLimit = `${'y'.repeat(1023)}\n`.repeat(MAX_BYTES / 1024);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=test-lines&wait=true',
      headers: { ...epi, 'content-type': 'application/x-ndjson' },
      payload: Readable.from([atLimit]),
    });
    expect(taken.json()).toMatchObject({ status: 'accepted', total: MAX_BYTES / 1024 });

    expect(await jobCount()).toBe(before + 1);
    expect(await spooled()).toEqual([]);
  });

  it('deletes the spooled file when the import fails half-way, and the server stays up', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=test-lines&fileName=bad.ndjson&wait=true',
      headers: { ...epi, 'content-type': 'application/x-ndjson' },
      payload: 'one\ntwo\nboom\nfour\n',
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().detail).toBe('internal error');
    expect((await jobs()).items[0]).toMatchObject({ fileName: 'bad.ndjson', status: 'failed' });
    expect(await spooled()).toEqual([]);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  describe('over a real socket', () => {
    let port: number;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as { port: number }).port;
    });

    const post = (path: string, headers: Record<string, string>) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: { ...headers, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
      });
      const answered = new Promise<{ response: IncomingMessage; body: string }>((resolve, reject) => {
        request.on('response', (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ response, body }));
        });
        request.on('error', reject);
      });
      return { request, answered };
    };
    const write = (request: ClientRequest, text: string) =>
      new Promise<void>((resolve, reject) => request.write(text, (e) => (e ? reject(e) : resolve())));

    it('streams a body sent in chunks to disk, and answers 202 only after the last chunk', async () => {
      const { request, answered } = post('/api/v1/imports?kind=test-lines&fileName=chunks.ndjson', epi);
      let answeredEarly = false;
      void answered.then(() => (answeredEarly = !request.writableEnded));
      for (let i = 0; i < 20; i++) await write(request, `line ${i}\n`);
      // The first chunks are on disk while the rest is still coming.
      const during = await waitFor(spooled, (files) => files.length === 1, 'the spool file');
      // Named by the receiving process (pid and run), so a server starting beside this one leaves it alone.
      expect(during[0]).toMatch(new RegExp(`^shuzhi-import-${process.pid}-[0-9a-f]+-[0-9a-f]{32}\\.part$`));
      await new Promise((r) => setTimeout(r, 100));
      expect(answeredEarly).toBe(false);
      for (let i = 20; i < 40; i++) await write(request, `line ${i}\n`);
      request.end();
      const { response, body } = await answered;
      expect(response.statusCode).toBe(202);
      expect(answeredEarly).toBe(false);
      const id = (JSON.parse(body) as { id: string }).id;
      const job = await waitFor(
        async () =>
          (await t.app.inject({ url: `/api/v1/imports/${id}`, headers: epi })).json() as { status: string },
        (j) => j.status !== 'running',
        'the chunked import',
      );
      expect(job).toMatchObject({ status: 'accepted', total: 40, accepted: 40 });
      await waitFor(spooled, (files) => files.length === 0, 'the spool file to be deleted');
    });

    it('deletes the partial file when the client disconnects mid-upload, creates no job, and keeps serving', async () => {
      const before = await jobCount();
      const { request, answered } = post('/fhir/r4/$import', lab);
      answered.catch(() => undefined);
      await write(request, `${patientLine('gone-p1', '郑洁')}\n`);
      await waitFor(spooled, (files) => files.length === 1, 'the spool file');
      request.destroy();
      await waitFor(spooled, (files) => files.length === 0, 'the partial file to be deleted');
      expect(await jobCount()).toBe(before);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    });
  });
});
