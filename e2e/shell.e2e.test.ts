import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, signInThroughForm, startHarness, type Harness } from './harness.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

const roles: { username: string; role: string; heading: RegExp }[] = [
  { username: 'admin', role: 'admin', heading: /指挥中心/ },
  { username: 'analyst', role: 'analyst', heading: /指挥中心/ },
  { username: 'district', role: 'analyst (district)', heading: /指挥中心/ },
  { username: 'epi', role: 'epidemiologist', heading: /指挥中心/ },
  { username: 'grid', role: 'grid_worker', heading: /扫码核验|社区网格/ },
  { username: 'venue', role: 'venue_operator', heading: /扫码核验/ },
  { username: 'port', role: 'port_staff', heading: /扫码核验|入境人员/ },
  { username: 'lab', role: 'data_source', heading: /数据导入/ },
  { username: 'auditor', role: 'auditor', heading: /审计日志/ },
  { username: 'citizen', role: 'citizen', heading: /我的健康码/ },
];

describe('the web shell', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  for (const { username, role, heading } of roles) {
    it(`signs in as ${role} and lands on a page that role may open`, async () => {
      const context = await h.browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signInThroughForm(page, h.baseUrl, username);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(heading);
      const nav = page.getByRole('navigation', { name: '主导航' });
      await expect(nav.isVisible()).resolves.toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `home-${username}.png`), fullPage: true });
      await context.close();
    });
  }

  it('shows each role only the pages it may open', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'citizen');
    const links = await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents();
    expect(links).toContain('我的健康码');
    expect(links).not.toContain('审计日志');
    expect(links).not.toContain('用户');
    await page.goto(`${h.baseUrl}/admin/audit`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('无权访问');
    await context.close();
  });

  it('switches completely between Chinese and English', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'auditor');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Audit trail');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const navLabels = await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link')
      .allTextContents();
    expect(navLabels.length).toBeGreaterThan(2);
    for (const label of navLabels) expect(label).toMatch(/^[\x20-\x7e]+$/);
    const headers = await page.getByRole('columnheader').allTextContents();
    for (const header of headers) expect(header).toMatch(/^[\x20-\x7e↕▲▼]+$/);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    // The verification's own status line (the export buttons above the table announce in another).
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /^Chain/ })
        .textContent(),
    ).resolves.toMatch(/Chain intact: \d+ entries verified/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-en.png'), fullPage: true });
    await context.close();
  });

  it('keeps what was typed and names the problem when sign-in fails', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/login`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('用户名').fill('analyst');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('用户名或密码错误');
    expect(await page.getByLabel('用户名').inputValue()).toBe('analyst');
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
    await context.close();
  });

  it('works on a phone screen with the navigation in a drawer', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'epi');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    // The drawer opens on the next render (and slides in): wait for it rather than sample it once.
    await nav.waitFor({ state: 'visible', timeout: 5_000 });
    // …and let the slide finish, or the picture shows the drawer half way in.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 5_000,
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-epi-menu.png') });
    await nav.getByRole('link', { name: '流调任务' }).click();
    // The old page's heading is there until the new page renders: wait for the new one, do not sample.
    await page.getByRole('heading', { level: 1, name: '流调任务' }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('流调任务');
    // Measure the page once its data has arrived and the drawer has finished closing.
    await page.waitForLoadState('networkidle');
    await nav.waitFor({ state: 'hidden' });
    // No horizontal scrolling of the page itself (wide boards and tables scroll inside their own box);
    // on failure, name what sticks out.
    const overflowing = await page.evaluate(() => {
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth <= width + 1) return [];
      return Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 10)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${el.getBoundingClientRect().right}`);
    });
    expect(overflowing).toEqual([]);
    await context.close();
  });

  it('lets an administrator create a user through the form', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, h.baseUrl, 'admin');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('用户名').fill('x');
    await page.getByLabel('姓名').fill('王五');
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.locator('.field-error').first().textContent()).resolves.toContain('用户名');
    expect(await page.getByLabel('姓名').inputValue()).toBe('王五');
    await page.getByLabel('用户名').fill('wang.wu');
    await page.getByLabel('初始密码').fill('a-long-enough-password');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('cell', { name: 'wang.wu' }).waitFor();
    await context.close();
  });
});
