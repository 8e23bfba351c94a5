import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '@shuzhi/identity';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');
const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const good = (id: string, person: string, name: string, result = 'negative') =>
  `${id},${person},,,${name},male,1979-05-06,13807330001,430202,荷塘区建设路8号,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,${result},,LAB-01`;

describe('the data hub pages', () => {
  let h: Harness;
  let sourceId: string;
  beforeAll(async () => {
    h = await startHarness();
    const hub = h.server.platform.hub;
    const created = await hub.sources.addSource({
      name: '荷塘区疾控中心检验科',
      type: 'lab',
      areaCode: '430202',
    });
    sourceId = created.id;
    const ctx = systemContext('e2e', 'data_quality', h.server.platform.clock);
    // One woman registered by two sources: same name, birth day and month swapped, no phone on the second.
    await hub.imports.run(ctx, {
      kind: 'lab-results',
      fileName: 'seed-1.csv',
      sourceId,
      text: `${header}\nS1,W1,,,王秀英,female,1968-04-12,13907331234,430202,荷塘区新华路1号,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,negative,,\n`,
    });
    const second = await hub.sources.addSource({
      name: '株洲市中心医院',
      type: 'hospital',
      areaCode: '430202',
    });
    await hub.imports.run(ctx, {
      kind: 'lab-results',
      fileName: 'seed-2.csv',
      sourceId: second.id,
      text: `${header}\nS2,W2,,,王秀英,female,1968-04-21,,,,94500-6,2026-03-02T08:10:00+08:00,2026-03-02T20:30:00+08:00,positive,23.5,\n`,
    });
  });
  afterAll(async () => h?.close());

  it('shows the line, field and reason of a bad upload, imports nothing, then imports the valid lines', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/imports`);
    await page.locator('#import-kind').selectOption('lab-results');
    const csv = [header, good('E1', 'P-E1', '刘强'), good('E2', 'P-E2', '陈明', 'unclear'), ''].join('\n');
    await page.setInputFiles('#import-file', {
      name: 'lab-results.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const report = page.getByRole('region', { name: /导入结果/ });
    await report.getByText('未导入任何数据').waitFor();
    const row = report.getByRole('row').filter({ hasText: 'result' });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('3');
    await expect(row.textContent()).resolves.toContain('positive, negative');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hub-import-errors.png'), fullPage: true });
    const stored = await h.server.platform.hub.data.mpi.searchPersons(
      systemContext('e2e', 'data_quality', h.server.platform.clock),
      { limit: 10, offset: 0, order: 'asc', q: '刘强' },
    );
    expect(stored.total).toBe(0);

    await page.getByLabel('部分记录被拒绝时，仍导入校验通过的记录').check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await report.getByText('部分导入').waitFor();
    await expect(report.getByRole('status').textContent()).resolves.toContain('导入 1 条');
    await context.close();
  });

  it('merges a review pair side by side and undoes the merge', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/linkage`);
    const pair = page.getByRole('article').first();
    await pair.getByRole('row', { name: /出生日期/ }).waitFor();
    await expect(pair.getByRole('row', { name: /出生日期/ }).textContent()).resolves.toContain('1968-04-21');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hub-linkage-review.png'), fullPage: true });
    await pair.getByRole('button', { name: '同一人——合并' }).click();
    await page.getByText('没有记录对。').waitFor();

    await page.getByLabel('显示').selectOption('merged');
    const merged = page.getByRole('article').first();
    page.once('dialog', (dialog) => void dialog.accept('核实后为两人'));
    await merged.getByRole('button', { name: '撤销合并' }).click();
    await page.getByText('没有记录对。').waitFor();
    await page.getByLabel('显示').selectOption('open');
    await page.getByRole('article').first().getByRole('button', { name: '同一人——合并' }).waitFor();
    await context.close();
  });

  it('finds a person and shows their timeline', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/persons`);
    await page.getByRole('searchbox').fill('王秀英');
    await page.getByRole('search').getByRole('button').click();
    await page.getByRole('link', { name: '王秀英' }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hub-persons.png'), fullPage: true });
    // The person of the positive result is a case (asymptomatic: no clinical report).
    const cases = await h.server.platform.hub.data.facts.listCases(
      systemContext('e2e', 'data_quality', h.server.platform.clock),
      {},
      { limit: 10, offset: 0, order: 'asc' },
    );
    const personId = cases.items[0]!.personId;
    await page.getByRole('row').filter({ hasText: personId }).getByRole('link').click();
    await page.getByRole('heading', { name: '时间线' }).waitFor();
    await page.getByText('无症状感染者').first().waitFor();
    const timeline = page.getByRole('region', { name: '时间线' });
    await expect(timeline.getByText('无症状感染者').first().isVisible()).resolves.toBe(true);
    await expect(
      timeline.getByRole('listitem').filter({ hasText: '核酸' }).first().textContent(),
    ).resolves.toContain('阳性');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hub-person-timeline.png'), fullPage: true });
    await context.close();
  });

  it('shows each data source with its freshness and quality', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'admin');
    await page.goto(`${h.baseUrl}/hub/sources`);
    const row = page.getByRole('row').filter({ hasText: '荷塘区疾控中心检验科' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('正常报送');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hub-sources.png'), fullPage: true });
    await context.close();
    expect(sourceId).toMatch(/^src_/);
  });
});
