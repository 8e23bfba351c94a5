/**
 * Browser-test harness: serves the platform (with the demo accounts) on a free port over a fresh SQLite
 * file, and launches Debian's Chromium through playwright-core — no browser download. Also runs axe-core
 * in the page for an automated accessibility check.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, type Config } from '@shuzhi/core';
import { startServer, type RunningServer } from '@shuzhi/server';

export const CHROMIUM = process.env['SHUZHI_CHROMIUM'] ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'shuzhi-demo-2026';

export interface Harness {
  server: RunningServer;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-e2e-'));
  // The rest of the environment stays out (a developer's SHUZHI_DB must not become the test's), but a web
  // build elsewhere is how one checks pages not yet built into apps/web/dist.
  const webDist = process.env['SHUZHI_WEB_DIST'];
  const config = loadConfig(
    {},
    {
      db: `sqlite:${join(dir, 'e2e.db')}`,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'warn',
      // No synthetic city unless a test asks for one (the tracing test does): tests plant their own data.
      demoPeople: 0,
      // The server shares the process (and two CI cores) with the test runner and Playwright; load
      // shedding has its own test, and must not refuse a test's request because the runner was busy.
      maxEventLoopDelayMs: 10_000,
      ...(webDist ? { webDist } : {}),
      ...overrides,
    },
  );
  const server = await startServer(config, { seedDemo: true, handleSignals: false, print: () => undefined });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    server,
    browser,
    baseUrl: server.url.replace('localhost', '127.0.0.1'),
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page; returns serious and critical violations. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the page's Content-Security-Policy stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
