import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { ImportHandler } from '@shuzhi/hub';
import { createTestApp, signIn, type TestApp } from './testing.js';

/** A CSV kind for the test: `name,age`; age must be a whole number. */
const peopleHandler: ImportHandler<{ name: string; age: number }> = {
  kind: 'test-people',
  description: 'people for the import route test',
  template: {
    fileName: 'people.csv',
    contentType: 'text/csv',
    example: 'name,age\n张三,30\n',
    columns: [
      { name: 'name', required: true, en: 'Name', zh: '姓名' },
      { name: 'age', required: true, en: 'Age in years', zh: '年龄' },
    ],
  },
  parse(text) {
    const lines = text
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    const records = [];
    const issues = [];
    for (let i = 1; i < lines.length; i++) {
      const [name, age] = lines[i]!.split(',');
      if (!/^\d+$/.test(age ?? ''))
        issues.push({ line: i + 1, field: 'age', reason: 'must be a whole number' });
      else records.push({ name: name!, age: Number(age) });
    }
    return { records, issues, total: lines.length - 1 };
  },
  async apply(_executor, records, context) {
    context.progress(records.length, records.length);
    return { accepted: records.length, unchanged: 0 };
  },
};

describeEachDatabase('import routes', (getDatabase) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    t.platform.hub.imports.register(peopleHandler);
  });
  afterAll(async () => t.close());

  it('offers each kind with a downloadable template', async () => {
    const epi = await signIn(t.app, 'epi');
    const kinds = (await t.app.inject({ url: '/api/v1/imports/kinds', headers: epi.headers })).json() as {
      items: { kind: string }[];
    };
    expect(kinds.items.map((k) => k.kind)).toContain('test-people');
    const template = await t.app.inject({
      url: '/api/v1/imports/templates/test-people',
      headers: epi.headers,
    });
    expect(template.headers['content-disposition']).toContain('people.csv');
    expect(template.body).toBe('\ufeffname,age\n张三,30\n');
  });

  it('rejects a file with a bad line and reports the line, field and reason', async () => {
    const epi = await signIn(t.app, 'epi');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=test-people&fileName=people.csv&wait=true',
      headers: { ...epi.headers, 'content-type': 'text/csv' },
      payload: 'name,age\n张三,30\n李四,三十\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'rejected',
      total: 2,
      accepted: 0,
      rejected: 1,
      issues: [{ line: 3, field: 'age', reason: 'must be a whole number' }],
    });
  });

  it('runs an upload in the background and lets the uploader follow the job', async () => {
    const epi = await signIn(t.app, 'epi');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=test-people&fileName=ok.csv',
      headers: { ...epi.headers, 'content-type': 'text/csv' },
      payload: 'name,age\n王五,41\n',
    });
    expect(started.statusCode).toBe(202);
    const id = (started.json() as { id: string }).id;
    let job = started.json() as { status: string };
    for (let i = 0; i < 50 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await t.app.inject({ url: `/api/v1/imports/${id}`, headers: epi.headers })).json();
    }
    expect(job).toMatchObject({ status: 'accepted', accepted: 1, progress: 1 });
    const list = (await t.app.inject({ url: '/api/v1/imports', headers: epi.headers })).json() as {
      items: { id: string }[];
    };
    expect(list.items[0]!.id).toBe(id);
  });

  it('answers the upload 202 (its audit entry written) before the import takes the database for itself', async () => {
    // A kind that holds its transaction open until released: on SQLite nothing else can write meanwhile.
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    let began = false;
    t.platform.hub.imports.register({
      ...peopleHandler,
      kind: 'test-held-people',
      async apply(executor, records) {
        began = true;
        await executor.selectFrom('import_jobs').select('id').execute();
        await released;
        return { accepted: records.length, unchanged: 0 };
      },
    });
    const epi = await signIn(t.app, 'epi');
    try {
      const answer = await Promise.race([
        t.app.inject({
          method: 'POST',
          url: '/api/v1/imports?kind=test-held-people&fileName=held.csv',
          headers: { ...epi.headers, 'content-type': 'text/csv' },
          payload: 'name,age\n赵六,52\n',
        }),
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 3000)),
      ]);
      expect(answer, 'the 202 waited for the import').not.toBe('still waiting');
      if (answer === 'still waiting') return;
      expect(answer.statusCode, answer.body).toBe(202);
      expect(answer.json()).toMatchObject({ status: 'running', fileName: 'held.csv' });
      await expect.poll(() => began).toBe(true);
      // Following it while it holds the database: the session is read from the last commit, the job from
      // the memory of the process that runs it.
      const followed = await Promise.race([
        t.app.inject({
          url: `/api/v1/imports/${(answer.json() as { id: string }).id}`,
          headers: epi.headers,
        }),
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 3000)),
      ]);
      expect(followed, 'following the import waited for it').not.toBe('still waiting');
      if (followed === 'still waiting') return;
      expect(followed.statusCode, followed.body).toBe(200);
      expect(followed.json()).toMatchObject({ status: 'running' });
    } finally {
      release();
    }
  });

  it('names the known kinds for an unknown one', async () => {
    const epi = await signIn(t.app, 'epi');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=nope',
      headers: { ...epi.headers, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('test-people');
  });

  it('offers the demo lab clerk its laboratory’s kinds only and refuses another kind', async () => {
    const lab = await signIn(t.app, 'lab');
    const kinds = (await t.app.inject({ url: '/api/v1/imports/kinds', headers: lab.headers })).json() as {
      items: { kind: string }[];
    };
    expect(kinds.items.map((k) => k.kind)).toEqual(['lab-results', 'fhir']);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=checkins',
      headers: { ...lab.headers, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('checkins');
  });
});
