import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const BIN = join(import.meta.dirname, '../../bin/omnix.js');

/** Whether the browser tests can run; under CI they must (`.ci/run` installs Debian's chromium). */
export function chromiumAvailability(env: NodeJS.ProcessEnv): 'present' | 'required-but-missing' | 'missing' {
  if (existsSync(CHROMIUM)) return 'present';
  return env.CI && env.CI !== 'false' ? 'required-but-missing' : 'missing';
}

/** Headless Debian Chromium with a fresh profile, closed (and its profile removed) by `close`. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'omnix-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** `omnix dashboard --port 0` in a child process, once it has printed where it listens. */
export function serveDashboard(
  cwd: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'dashboard', '--port', '0', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const found = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (found)
        resolve({
          url: found[1]!,
          child,
          stop: () => {
            child.kill('SIGINT');
            return closed;
          },
        });
    });
    void closed.then((code) => reject(new Error(`omnix dashboard exited ${code}: ${stderr}${stdout}`)));
  });
}

/** What a page showed: console errors, how many charts were drawn, and each canvas's size and inked pixels. */
export interface PageReport {
  errors: string[];
  chartsDrawn: number;
  canvases: Array<{ id: string; width: number; height: number; inked: number }>;
}

/** Opens `url`, waits for the page's script to draw its charts (when it has any), and reports. */
export async function inspectPage(
  context: BrowserContext,
  url: string,
  expectCharts: boolean,
): Promise<{ page: Page; report: PageReport }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  if (expectCharts) await page.waitForSelector('html[data-charts-drawn]', { timeout: 30_000 });
  const measured = await page.evaluate(`(() => {
    const canvases = [...document.querySelectorAll('canvas')].map((canvas) => {
      const box = canvas.getBoundingClientRect();
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
      return { id: canvas.id, width: box.width, height: box.height, inked };
    });
    return { chartsDrawn: Number(document.documentElement.dataset.chartsDrawn ?? 0), canvases };
  })()`);
  return { page, report: { errors, ...(measured as Omit<PageReport, 'errors'>) } };
}

/** The text of each `[data-metric]` in the section of `environment`. */
export async function metricsShown(page: Page, environment: string): Promise<Record<string, string>> {
  return (await page.evaluate(`(() => {
    const section = document.querySelector('section[data-environment=' + JSON.stringify(${JSON.stringify(environment)}) + ']');
    const shown = {};
    for (const element of section.querySelectorAll('[data-metric]')) shown[element.dataset.metric] = element.textContent.trim();
    return shown;
  })()`)) as Record<string, string>;
}
