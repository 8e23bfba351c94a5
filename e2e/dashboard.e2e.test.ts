import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  DEMO_PASSWORD,
  signInThroughForm,
  startHarness,
  type Harness,
} from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

/** Days in the city's calendar (UTC+8), counted back from today. */
function cityDay(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Four weeks of indicators for every district, with an outbreak planted in Hetang District (430202) over
 * the last three days: fever-clinic visits and antipyretic sales jump, positive tests and cases appear.
 */
function outbreakCsv(): string {
  const districts = [
    '430202',
    '430203',
    '430204',
    '430211',
    '430212',
    '430223',
    '430224',
    '430225',
    '430281',
  ];
  const lines = ['area,indicator,date,count'];
  for (let ago = 28; ago >= 0; ago--) {
    const date = cityDay(ago);
    districts.forEach((area, d) => {
      const wobble = (ago * 7 + d * 3) % 5;
      const outbreak = area === '430202' && ago <= 2;
      const visits = 12 + wobble + (outbreak ? [40, 26, 18][ago]! : 0);
      const sales = 30 + 2 * wobble + (outbreak ? [70, 45, 30][ago]! : 0);
      const tests = 400 + 10 * wobble + (outbreak ? 600 : 0);
      const positive = outbreak ? [14, 9, 4][ago]! : ago % 9 === d % 9 ? 1 : 0;
      lines.push(`${area},fever_clinic_visits,${date},${visits}`);
      lines.push(`${area},antipyretic_sales,${date},${sales}`);
      lines.push(`${area},tests_performed,${date},${tests}`);
      lines.push(`${area},tests_positive,${date},${positive}`);
      // Cases have been growing in Hetang for ten days (about 25 % a day); onsets lead reports.
      const growing = area === '430202' && ago <= 9;
      lines.push(`${area},confirmed_cases,${date},${growing ? [7, 6, 5, 4, 3, 2, 2, 1, 1, 1][ago]! : 0}`);
      lines.push(`${area},confirmed_by_onset,${date},${growing ? [1, 3, 5, 5, 4, 3, 2, 2, 1, 1][ago]! : 0}`);
      lines.push(
        `${area},asymptomatic_infections,${date},${growing ? [8, 6, 5, 4, 3, 3, 2, 1, 1, 0][ago]! : 0}`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

/** Imports the file through the platform's own import route, as the epidemiologist's upload would. */
async function importIndicators(h: Harness): Promise<void> {
  const login = await fetch(`${h.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'epi', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const upload = await fetch(`${h.baseUrl}/api/v1/imports?kind=indicators&fileName=outbreak.csv&wait=true`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/csv' },
    body: outbreakCsv(),
  });
  const job = (await upload.json()) as { status: string; rejected: number };
  if (job.status !== 'accepted' || job.rejected !== 0)
    throw new Error(`import failed: ${JSON.stringify(job)}`);
  await h.server.platform.surveillance.drain();
}

describe('the command centre in the browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await importIndicators(h);
  });
  afterAll(async () => h?.close());

  it('shows an analyst the city with the outbreak’s alert on the map, and drills down to the district', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'analyst');
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('heading', { level: 1, name: '指挥中心 — 株洲市' }).waitFor();
    await expect(page.getByText(`${cityDay(0)} 数据`).count()).resolves.toBe(1);
    const figures = page
      .getByRole('region', { name: '今日关键指标' })
      .or(page.locator('section[aria-labelledby="figures-heading"]'));
    await expect(figures.getByText('发热门诊就诊人次').count()).resolves.toBe(1);
    const map = page.locator('section[aria-labelledby="map-heading"]');
    await map.locator('canvas').first().waitFor();
    const hetangRow = map.getByRole('row').filter({ hasText: '荷塘区' });
    await expect(hetangRow.locator('.level-tag').textContent()).resolves.toMatch(/色/);
    const alerts = page.locator('section[aria-labelledby="open-alerts-heading"]');
    await expect(alerts.getByRole('link', { name: /荷塘区 · 发热门诊就诊人次/ }).count()).resolves.toBe(1);
    await page
      .locator('section[aria-labelledby="rt-heading"]')
      .getByRole('row')
      .filter({ hasText: '荷塘区' })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // Drill down: the district's command centre, with its streets, and back up.
    await hetangRow.getByRole('button', { name: /荷塘区/ }).click();
    await page.getByRole('heading', { level: 1, name: '指挥中心 — 荷塘区' }).waitFor();
    expect(new URL(page.url()).searchParams.get('area')).toBe('430202');
    await expect(map.getByRole('row').filter({ hasText: '月塘街道' }).count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '返回株洲市' }).click();
    await page.getByRole('heading', { level: 1, name: '指挥中心 — 株洲市' }).waitFor();

    // The same page in English.
    await page.getByLabel('语言').first().selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Command centre — Zhuzhou City' }).waitFor();
    await expect(
      alerts.getByRole('link', { name: /Hetang District · Fever-clinic visits/ }).count(),
    ).resolves.toBe(1);
    await context.close();
  });

  it('shows a district analyst their district only', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'district');
    await page.goto(`${h.baseUrl}/dashboard`);
    await page.getByRole('heading', { level: 1, name: '指挥中心 — 荷塘区' }).waitFor();
    await expect(page.getByRole('button', { name: /返回/ }).count()).resolves.toBe(0);
    await page.goto(`${h.baseUrl}/dashboard?area=430203`);
    await page.getByRole('alert').waitFor();
    await context.close();
  });

  it('lets an epidemiologist open the alert from the command centre and triage it with notes', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/dashboard`);
    await page
      .locator('section[aria-labelledby="open-alerts-heading"]')
      .getByRole('link', { name: /荷塘区 · 发热门诊就诊人次/ })
      .click();
    await page.waitForURL(/\/warning\/alerts\?alert=/);
    const detail = page.getByRole('region', { name: /预警：荷塘区发热门诊就诊人次/ });
    await detail.locator('canvas').first().waitFor();
    await expect(detail.getByRole('row').filter({ hasText: 'earsC2' }).count()).resolves.toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A decision without a note is refused and names the note.
    await detail.getByRole('button', { name: '转为调查中' }).click();
    await expect(detail.locator('.field-error').textContent()).resolves.toContain('备注');
    await detail.getByLabel('备注（说明理由，必填）').fill('已通知荷塘区疾控中心核查发热门诊和药店数据');
    await detail.getByRole('button', { name: '转为调查中' }).click();
    await detail.getByRole('status').filter({ hasText: '调查中' }).waitFor();
    await detail.getByLabel('备注（说明理由，必填）').fill('流调确认月塘街道农贸市场聚集性疫情');
    await detail.getByRole('button', { name: '确认' }).click();
    await detail.getByRole('status').filter({ hasText: '已确认' }).waitFor();
    await expect(detail.locator('.alert-history').textContent()).resolves.toContain(
      '流调确认月塘街道农贸市场聚集性疫情',
    );
    await expect(
      page.getByRole('table').first().getByRole('cell', { name: '已确认' }).first().textContent(),
    ).resolves.toBe('已确认');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts.png'), fullPage: true });
    await context.close();
  });

  it('lets an epidemiologist browse an indicator by area', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    await page.goto(`${h.baseUrl}/warning/indicators`);
    await page.getByRole('heading', { level: 1, name: '监测指标' }).waitFor();
    await page.getByLabel('区县', { exact: true }).selectOption('430202');
    await page.getByRole('heading', { level: 2, name: '荷塘区 · 发热门诊就诊人次' }).waitFor();
    await page.locator('canvas').first().waitFor();
    await page.getByRole('row').filter({ hasText: '月塘街道' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'indicators.png'), fullPage: true });
    await context.close();
  });
});
