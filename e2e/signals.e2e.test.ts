import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

const title = '株洲市荷塘区一养老院发生流感聚集性疫情';
const text =
  '株洲市荷塘区疾控中心3月11日通报，辖区月塘街道一家养老院近5天内累计报告流感样病例23例，其中6例经核酸检测为甲型H3N2流感，2名老人住院治疗，无死亡病例。疾控部门已开展流行病学调查并指导机构落实隔离和消毒措施。';

describe('news signals in the browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('lets an epidemiologist enter a news item, see its signal and triage it with a note', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '舆情信号' }).click();
    await page.getByRole('heading', { level: 1, name: '舆情信号' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // A refused entry names the field and keeps what was typed.
    await page.getByRole('button', { name: '录入新闻' }).click();
    await page.getByLabel('标题', { exact: true }).fill(title);
    await page.getByRole('button', { name: '保存并研判' }).click();
    await expect(page.locator('.field-error').first().textContent()).resolves.toContain('正文');
    expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe(title);

    await page.getByLabel('正文', { exact: true }).fill(text);
    await page.getByRole('button', { name: '保存并研判' }).click();
    const status = page.getByRole('status').filter({ hasText: '新建信号' });
    await status.waitFor();
    await expect(status.textContent()).resolves.toMatch(/已保存：中文，相关.*新建信号 signal-00001/);

    // The signal is in the list; open it.
    await page.getByRole('button', { name: new RegExp(title) }).click();
    const detail = page.getByRole('region', { name: /信号 signal-00001/ });
    await detail.getByText('流行性感冒').first().waitFor();
    await expect(detail.locator('mark.hl-disease').first().textContent()).resolves.toBe('流感');
    await expect(detail.locator('mark.hl-place').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['荷塘区', '月塘街道']),
    );

    await detail.getByLabel('备注（说明理由，必填）').fill('已联系荷塘区疾控中心核实，正在现场调查');
    await detail.getByRole('button', { name: '转为调查中' }).click();
    await detail.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await expect(detail.locator('.tag-signal-investigating').first().textContent()).resolves.toBe('调查中');
    await expect(detail.locator('.decision-list').textContent()).resolves.toContain(
      '已联系荷塘区疾控中心核实，正在现场调查',
    );
    await expect(detail.getByRole('button', { name: '确认' }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole('table').getByRole('cell', { name: '调查中' }).first().textContent(),
    ).resolves.toBe('调查中');

    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '录入新闻' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'signals.png'), fullPage: true });
    await context.close();
  });

  it('shows the items that are not about an outbreak too, and the page in English', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'analyst');
    await page.goto(`${h.baseUrl}/warning/signals`);
    await page.getByLabel('语言').first().selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'News signals' }).waitFor();
    // An analyst reads but does not triage or enter items.
    await expect(page.getByRole('button', { name: 'Enter a news item' }).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: 'News items' }).click();
    await page.getByRole('cell', { name: title }).waitFor();
    await page.getByRole('tab', { name: 'News items' }).press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Feeds', selected: true }).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
