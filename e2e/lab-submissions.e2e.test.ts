/**
 * A laboratory clerk's day (issue 4, "Done when"): the demo `lab` account uploads a CSV of lab results with
 * one bad row, sees that row's error, imports the valid row, then finds the person and sees its own result on
 * the timeline — and nothing another institution sent about the same person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LAB_SOURCE, seedDemoAccounts } from '@shuzhi/server';
import { systemContext } from '@shuzhi/identity';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const RESIDENT_ID = '430202199003074571';
const line = (result: string, patient: string, name: string, outcome: string) =>
  `${result},${patient},${RESIDENT_ID},,${name},female,1990-03-07,,430202,,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,${outcome},,`;

describe('a laboratory clerk and its own data', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { identity, hub, clock } = h.server.platform;
    // Registers the demo laboratory and binds `lab` to it (the server's own seed does the same).
    await seedDemoAccounts(identity, hub);
    // Another institution's record of the same woman, under another spelling: the clerk must never see it.
    const hospital = await hub.sources.addSource({
      name: '株洲市中心医院',
      type: 'hospital',
      areaCode: '4302',
    });
    await hub.imports.run(systemContext('e2e', 'data_quality', clock), {
      kind: 'lab-results',
      fileName: 'hospital.csv',
      sourceId: hospital.id,
      text: `${header}\n${line('H-1', 'HP-1', '王秀瑛', 'negative')}\n`,
    });
  });
  afterAll(async () => h?.close());

  it('uploads a CSV with a bad row, sees the row error, then finds the person and its result on the timeline', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'lab');
    await page.goto(`${h.baseUrl}/hub/imports`);
    await page.locator('#import-kind').selectOption('lab-results');
    const csv = [
      header,
      line('LA-1', 'PA-1', '王秀英', 'positive'),
      line('LA-2', 'PA-2', '王秀英', 'unclear'),
      '',
    ];
    await page.setInputFiles('#import-file', {
      name: 'lab-results.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const report = page.getByRole('region', { name: /导入结果/ });
    await report.getByText('未导入任何数据').waitFor();
    const bad = report.getByRole('row').filter({ hasText: 'result' });
    await expect(bad.getByRole('cell').first().textContent()).resolves.toBe('3');
    await page.getByLabel('部分记录被拒绝时，仍导入校验通过的记录').check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await report.getByText('部分导入').waitFor();
    // The upload is the laboratory's own: its source, not the shared operator source.
    const lab = await h.server.platform.identity.users.findByUsername('lab');
    const jobs = await h.server.platform.hub.imports.listJobs(
      systemContext('e2e', 'data_quality', h.server.platform.clock),
      { limit: 10, offset: 0, order: 'desc' },
    );
    expect(jobs.items.filter((j) => j.actor_id === lab!.id).map((j) => j.source_id)).toEqual([
      DEMO_LAB_SOURCE.id,
      DEMO_LAB_SOURCE.id,
    ]);

    await page.getByRole('navigation').getByRole('link', { name: '人员档案' }).click();
    await page.getByRole('searchbox').fill('LA-1');
    await page.getByRole('search').getByRole('button').click();
    await page.getByRole('link', { name: '王秀英' }).click();
    const timeline = page.getByRole('region', { name: '本机构报送的记录' });
    const result = timeline.getByRole('listitem').filter({ hasText: '核酸' });
    await result.first().waitFor();
    await expect(result.count()).resolves.toBe(1);
    await expect(result.first().textContent()).resolves.toContain('阳性');
    await expect(result.first().textContent()).resolves.toContain(DEMO_LAB_SOURCE.name);
    await expect(page.locator('main').textContent()).resolves.not.toContain('王秀瑛');
    await expect(page.locator('main').textContent()).resolves.not.toContain('株洲市中心医院');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
