// Test support (not shipped): Debian's Chromium, driven by playwright-core, for the
// dashboard's browser tests. Nothing is downloaded: the browser is the machine's
// (`apt-get install -y chromium`; CI's .ci/run installs it), and a missing one fails the
// tests saying so rather than skipping them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Where screenshots go: apps/demo/test-artifacts (git-ignored). */
export const artifactsDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-artifacts',
);

export interface HeadlessChromium {
  context: BrowserContext;
  /** A new tab whose console errors and uncaught exceptions are collected in `errors`. */
  open(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * The tests' environment less libfaketime: CI reruns the suite with every test process's
 * clock moved (scripts/test-at-clock.sh), and Chromium under libfaketime never finishes
 * loading a page. The browser is not a test process: nothing in the page reads its clock
 * for a figure (time since a miss counts to the server's clock).
 */
function browserEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'LD_PRELOAD' && !entry[0].startsWith('FAKETIME'),
    ),
  );
}

/** Starts Chromium headless, offline-minded, with a profile of its own that `close` removes. */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: the dashboard's browser tests need Debian's chromium package (apt-get install -y chromium; CI's .ci/run installs it)`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'cdr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
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
    viewport: { width: 1280, height: 900 },
    env: browserEnvironment(),
  });
  return {
    context,
    async open(viewport = { width: 1280, height: 900 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as a test artifact; resolves to its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDirectory, { recursive: true });
  const path = join(artifactsDirectory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
