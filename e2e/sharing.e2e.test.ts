import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

describe('data-sharing agreements page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.server.platform.hub.sources.addSource({
      name: '株洲市疾控中心 Zhuzhou CDC',
      type: 'cdc',
      areaCode: '4302',
    });
  });
  afterAll(async () => h?.close());

  it('lets an administrator create an agreement, names what is missing in Chinese, and revoke it', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'admin');
    await page.goto(`${h.baseUrl}/hub/sharing`);
    await page.getByRole('button', { name: '新建协议' }).click();
    // Submitted empty: each field's reason in Chinese (by its code), none in the schema's English.
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.field-error').first().waitFor();
    expect(await page.locator('.field-error').allTextContents()).toEqual([
      '协议: 必填',
      '法律依据: 请说明法律依据（至少 5 个字符）',
      '有效期至: 必须是 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
    ]);
    await page.getByLabel('协议', { exact: true }).fill('病例数据共享');
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.locator('.field-error').first().textContent()).resolves.toContain('法律依据');
    expect(await page.getByLabel('协议', { exact: true }).inputValue()).toBe('病例数据共享');
    await page.getByLabel('法律依据').fill('《传染病防治法》第三十三条');
    await page.getByLabel('有效期至').fill('2099-12-31');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('cell', { name: '病例数据共享' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sharing.png'), fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept('目的已达成'));
    await page.getByRole('button', { name: '撤销' }).click();
    await page.getByText('已撤销').waitFor();
    await context.close();
  });
});
