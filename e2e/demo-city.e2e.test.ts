import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

/**
 * The demo city as `npm start` seeds it on first start (50,000 people over 21 days, default seed): what an
 * official, an epidemiologist and an investigator see before anyone has touched it.
 */
describe('the demo city of the first start', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demoPeople: 50_000, demoDays: 21 });
    // Indicators follow the hub's change feed; detection runs on what changed.
    await h.server.platform.hub.feed.settle();
    await h.server.platform.surveillance.drain();
  }, 600_000);
  afterAll(async () => h?.close());

  it('shows the outbreak in progress in the command centre, with its alerts', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'analyst');
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('heading', { level: 1, name: '指挥中心 — 株洲市' }).waitFor();
    const alerts = page.locator('section[aria-labelledby="open-alerts-heading"]');
    await alerts.getByRole('link').first().waitFor();
    expect(await alerts.getByRole('link').count()).toBeGreaterThan(0);
    // Districts on the map carry an alert level.
    const map = page.locator('section[aria-labelledby="map-heading"]');
    await map.locator('canvas').first().waitFor();
    const levels = await map.locator('.level-tag').allTextContents();
    expect(levels.some((l) => /色/.test(l))).toBe(true);
    await page.locator('section[aria-labelledby="curve-heading"] canvas').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-city-dashboard.png'), fullPage: true });
    await context.close();
  });

  it('lists the cases the hub derived and the people behind them', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/tracing/cases`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(5);
    await page.waitForLoadState('networkidle');
    // Areas read as district and street names, not codes.
    expect(await page.getByRole('cell', { name: /(区|县|市) · .+(街道|镇|乡)$/ }).count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-city-cases.png'), fullPage: true });
    await page.goto(`${h.baseUrl}/hub/persons`);
    await page.getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(5);
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-city-persons.png'), fullPage: true });
    await context.close();
  });
});
