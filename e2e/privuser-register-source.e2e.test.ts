/**
 * Registering a data source on the data sources page registers it once: its API key is shown once, and a
 * double click on Create, or Enter in a field once the key is shown, must neither answer "name already taken"
 * beside the key nor register a second source with a second live key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '@shuzhi/identity';
import { seedDemoAccounts } from '@shuzhi/server';
import { signInThroughForm, startHarness, type Harness } from './harness.js';

describe('registering a data source in the browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedDemoAccounts(h.server.platform.identity, h.server.platform.hub);
  });
  afterAll(async () => h?.close());

  it('registers one source for a double click, shows its key without an error, and no second on Enter', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'admin');
    await page.goto(`${h.baseUrl}/hub/sources`);
    await page.getByRole('button', { name: '登记数据源' }).click();
    await page.locator('#source-name').fill('Neighbour city platform');
    await page.locator('#source-consumer-only').check();
    await page.locator('#new-source-title').waitFor();
    const form = page.locator('form', { has: page.locator('#new-source-title') });
    await form.getByRole('button', { name: '创建' }).dblclick();
    await form.getByRole('status').filter({ hasText: 'szk_' }).waitFor();
    // Every answer is in: the key is on the page, and nothing else was refused.
    await page.waitForLoadState('networkidle');
    expect(await form.getByRole('alert').count()).toBe(0);

    // The key is shown; Enter in a field (another name typed) does not register a second source.
    await page.locator('#source-name').fill('Neighbour city platform 2');
    await page.locator('#source-name').press('Enter');
    await page.waitForLoadState('networkidle');
    expect(await form.getByRole('alert').count()).toBe(0);

    const sources = await h.server.platform.hub.sources.listSources(
      systemContext('e2e', 'administration', h.server.platform.clock),
      {},
      { limit: 500, offset: 0, order: 'asc' },
    );
    expect(
      sources.items.filter((s) => s.name.startsWith('Neighbour city platform')).map((s) => s.name),
    ).toEqual(['Neighbour city platform']);
    await context.close();
  });
});
