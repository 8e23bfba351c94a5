/**
 * List export in the browser (DESIGN "Lists"): an epidemiologist searches the persons list, clicks Export CSV
 * and gets every matching row (more than one page of the table), with the list's header of field names, as
 * the file the server names; the page stays accessible with the export buttons on it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '@shuzhi/identity';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const PEOPLE = 45; // more than the table's page of 20

describe('exporting a list', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { hub, clock } = h.server.platform;
    const lab = await hub.sources.addSource({
      name: '荷塘区疾控中心检验科',
      type: 'lab',
      areaCode: '430202',
    });
    const lines = [header];
    for (let n = 1; n <= PEOPLE; n++) {
      lines.push(
        `R${n},P${n},,,导出${n}号,female,${1950 + n}-03-07,,430202,,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,negative,,`,
      );
    }
    // One more person the search below leaves out: the export follows the list's search.
    lines.push(
      `R0,P0,,,李四,male,1980-01-01,,430202,,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,negative,,`,
    );
    await hub.imports.run(systemContext('e2e', 'data_quality', clock), {
      kind: 'lab-results',
      fileName: 'export.csv',
      sourceId: lab.id,
      text: `${lines.join('\n')}\n`,
    });
  });
  afterAll(async () => h?.close());

  it('downloads every person the search selects as CSV, from the persons page', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/persons`);
    await page.getByRole('searchbox').fill('导出');
    await page.getByRole('search').getByRole('button').click();
    await page
      .getByRole('cell', { name: /^导出\d+号$/ })
      .first()
      .waitFor();
    // As many rows as the list counts (records the linker holds for review are not persons yet), past one page.
    const pager = page
      .locator('.pager')
      .first()
      .getByText(/^共 \d+ 条$/);
    const listed = Number((await pager.textContent())!.match(/\d+/)![0]);
    expect(listed).toBeGreaterThan(20);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: '导出: 人员' }).getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^persons-\d{4}-\d\d-\d\d\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = file.subarray(3).toString('utf8').split('\r\n').slice(0, -1);
    expect(rows[0]).toBe('id,name,sex,birthDate,areaCode,updatedAt');
    expect(rows).toHaveLength(listed + 1);
    expect(rows[1]).toMatch(/^per_\w+,导出\d+号,female,\d{4}-03-07,430202,\d{4}-/);
    expect(rows.some((row) => row.includes('李四'))).toBe(false);
    await page
      .getByRole('status')
      .filter({ hasText: /已下载 persons-/ })
      .waitFor({ state: 'attached' });

    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('offers the same export in English, by keyboard', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    await context.addInitScript(() => localStorage.setItem('shuzhi.language', 'en'));
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/persons`);
    const button = page
      .getByRole('group', { name: 'Export: Persons' })
      .getByRole('button', { name: 'Export XLSX' });
    await button.waitFor();
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^persons-\d{4}-\d\d-\d\d\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    await context.close();
  });

  it('reads the export under the purpose chosen in the header bar, as the list is read', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/hub/persons`);
    await page
      .getByRole('cell', { name: /^导出\d+号$/ })
      .first()
      .waitFor();
    await page.getByLabel('使用目的').selectOption('contact_tracing');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: '导出: 人员' }).getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    await download.path();
    const { identity } = h.server.platform;
    await identity.audit.drain();
    const trail = await identity.audit.list({}, { limit: 20, offset: 0, order: 'desc' });
    const exported = trail.items.find((e) => e.action === 'export csv GET /api/v1/persons');
    expect(exported?.purpose).toBe('contact_tracing');
    await context.close();
  });
});
