import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '@shuzhi/identity';
import { personPresence } from '@shuzhi/tracing';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');
const CASE_REPORTS =
  'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at';
/** The stated bound for drawing 20,000 nodes in headless Chromium (measured 6.6–13.2 s on a loaded 2-core machine). */
const SYNTHETIC_NODES = 20_000;
const SYNTHETIC_BOUND_MS = 30_000;

describe('contact tracing pages', () => {
  let h: Harness;
  let casePerson: string;
  beforeAll(async () => {
    // The first start seeds a small demo city through the platform's own import paths.
    h = await startHarness({ demoPeople: 3000, demoDays: 10 });
    // The person with the most presence over the last three days becomes a confirmed case.
    const index = await h.server.platform.tracing.live.index();
    const recent = { from: Date.now() - 3 * 86_400_000, to: Date.now() };
    let resident = '';
    let most = 0;
    for (let k = 0; k < index.persons.size; k++) {
      const name = index.persons.name(k);
      if (!/^\d{17}[\dX]$/.test(name)) continue;
      const visits = personPresence(index, name, recent).length;
      if (visits > most) [resident, most] = [name, visits];
    }
    expect(most).toBeGreaterThan(0);
    const onset = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const imported = await h.server.platform.hub.imports.run(
      systemContext('e2e', 'data_submission', h.server.platform.clock),
      {
        kind: 'case-reports',
        fileName: 'case.csv',
        text: `${CASE_REPORTS}\nE2E-1,,${resident},,测试病例,male,1985-03-12,,430202,,U07.1,confirmed,${onset},${new Date().toISOString()}\n`,
      },
    );
    expect(imported.status, JSON.stringify(imported.errors)).toBe('accepted');
    const platform = h.server.platform;
    const ctx = systemContext('e2e', 'contact_tracing', platform.clock);
    casePerson = (await platform.hub.persons.resolveRefs([resident], { createMissing: false })).get(
      resident,
    )!;
    // Tracing runs on its own when the hub confirms the case: wait for the run to be recorded.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await platform.hub.feed.settle();
      const runs = await platform.tracing.tasks.runsOf(ctx, casePerson);
      if (runs.length > 0) break;
      if (Date.now() > deadline) throw new Error('the case was not traced within a minute');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await platform.tracing.clusters.recompute(ctx);
  });
  afterAll(async () => h?.close());

  it('shows a confirmed case traced on its own: the report, its contacts and graph', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/tracing/cases`);
    await page.getByRole('link', { name: casePerson }).click();
    await page.getByRole('heading', { name: `病例 ${casePerson}` }).waitFor();
    await page.getByText(/最近流调.*确认时/).waitFor();
    await page.getByRole('heading', { name: '规模报告' }).waitFor();
    const contactRows = page.getByRole('table', { name: '接触者' }).getByRole('row');
    await expect.poll(() => contactRows.count()).toBeGreaterThan(1);
    await page.locator('[data-testid="contact-graph"][data-rendered-nodes]').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracing-case.png'), fullPage: true });
    await context.close();
  });

  it('lists the contacts’ tasks on the board and moves one along', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/tracing/tasks`);
    const identified = page.getByRole('region', { name: /^已识别/ });
    const firstCard = identified.getByTestId('task-card').first();
    await firstCard.waitFor();
    const person = (await firstCard.locator('code').textContent())!;
    await firstCard.getByRole('button', { name: '已通知' }).click();
    const notified = page.getByRole('region', { name: /^已通知/ });
    await notified.getByTestId('task-card').filter({ hasText: person }).waitFor();
    await notified.getByRole('button', { name: person }).first().click();
    await page.getByRole('heading', { name: `${person} 的任务详情` }).waitFor();
    await page.getByLabel('备注').fill('电话已联系，居家等待转运');
    await page.getByRole('button', { name: '保存备注' }).click();
    await page.getByText('电话已联系，居家等待转运', { exact: false }).last().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracing-tasks.png'), fullPage: true });
    await context.close();
  });

  it('draws a cluster’s transmission graph and the map of its places', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/tracing/clusters`);
    await page.getByRole('heading', { name: '聚集性疫情' }).waitFor();
    const open = page.getByRole('link', { name: /^聚集 / }).first();
    await open.waitFor();
    await open.click();
    await page.getByRole('heading', { name: '传播关系图' }).waitFor();
    const graph = page.locator('[data-testid="contact-graph"][data-rendered-nodes]').first();
    await graph.waitFor();
    expect(Number(await graph.getAttribute('data-rendered-nodes'))).toBeGreaterThan(1);
    await page.getByLabel('布局').selectOption('tree');
    await page.getByTestId('graph-render-time').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracing-cluster.png'), fullPage: true });
    await context.close();
  });

  it(`stays usable with ${SYNTHETIC_NODES.toLocaleString('en')} contacts on screen (preset layout)`, async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    const started = Date.now();
    await page.goto(`${h.baseUrl}/tracing/clusters?synthetic=${SYNTHETIC_NODES}`);
    const timing = page.getByTestId('graph-render-time');
    await timing.waitFor({ timeout: 3 * SYNTHETIC_BOUND_MS });
    const elapsed = Date.now() - started;
    const text = (await timing.textContent())!;
    const drawnMs = Number(/(\d+) 毫秒/.exec(text)![1]);
    console.log(
      `synthetic graph: ${SYNTHETIC_NODES} nodes drawn in ${drawnMs} ms (page ready after ${elapsed} ms)`,
    );
    expect(text).toContain(`已绘制 ${SYNTHETIC_NODES} 个节点`);
    expect(drawnMs).toBeLessThan(SYNTHETIC_BOUND_MS);
    // Still responsive: zooming and panning work.
    const canvas = page.getByTestId('contact-graph');
    await canvas.hover();
    await page.mouse.wheel(0, -400);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracing-graph-20000.png') });
    await context.close();
  });
});
