/**
 * Disabling a data source in the browser: the administrator disables the demo laboratory on the data sources
 * page (a reason is required and confirmed), its clerk is refused with the reason in both languages, and
 * enabling it lets the clerk back in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '@shuzhi/server';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

describe('disabling and enabling a data source', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // Registers the demo laboratory and binds `lab` to it (the server's own seed does the same).
    await seedDemoAccounts(h.server.platform.identity, h.server.platform.hub);
  });
  afterAll(async () => h?.close());

  it('disables the demo laboratory with a reason, refuses its clerk, and lets the clerk back in once enabled', async () => {
    const admin = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await admin.newPage();
    await signInThroughForm(page, h.baseUrl, 'admin');
    await page.goto(`${h.baseUrl}/hub/sources`);
    const row = page.getByRole('row').filter({ hasText: '株洲市疾控中心检验科' });
    await row.getByRole('button', { name: /^停用/ }).click();
    await expect(page.locator('#source-state-title').textContent()).resolves.toContain('停用');
    // No reason: refused on the page, naming the field, and nothing is sent.
    await page.getByRole('button', { name: '停用数据源' }).click();
    await expect(page.locator('#source-disable-reason-error').textContent()).resolves.toContain('原因');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('原因').fill('资质复核 accreditation review');
    await page.getByRole('button', { name: '停用数据源' }).click();
    await row.getByText('已停用', { exact: true }).waitFor();
    await expect(row.getByText('已停用', { exact: true }).getAttribute('title')).resolves.toContain(
      '资质复核 accreditation review',
    );

    const clerkContext = await h.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const clerk = await clerkContext.newPage();
    await signInThroughForm(clerk, h.baseUrl, 'lab');
    await clerk.goto(`${h.baseUrl}/hub/imports`);
    const refusal = clerk.getByRole('alert').filter({ hasText: 'demo-lab' });
    await refusal.waitFor();
    // In the page's language (Chinese by default), translated by the refusal's code (source-disabled).
    await expect(refusal.textContent()).resolves.toMatch(/数据源 demo-lab 已停用：/);

    await row.getByRole('button', { name: /^启用/ }).click();
    await page.getByRole('button', { name: '启用数据源' }).click();
    await row
      .getByText('正常报送', { exact: true })
      .or(row.getByText('从未报送', { exact: true }))
      .waitFor();
    await clerk.reload();
    await clerk.getByRole('heading', { name: /数据导入|Imports/ }).waitFor();
    await clerk.waitForLoadState('networkidle');
    expect(await clerk.getByRole('alert').filter({ hasText: 'demo-lab' }).count()).toBe(0);
    await clerkContext.close();
    await admin.close();
  });
});
