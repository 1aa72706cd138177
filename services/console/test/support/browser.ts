// Headless Chromium from the project's own dependencies (@sparticuz/chromium, driven by playwright-core,
// as @bureau/printing does): nothing downloaded at run time. One browser per test file.
import chromium from '@sparticuz/chromium';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Where the screenshots go, to be looked at (not committed). */
export const SHOTS_DIR = '/tmp/console-shots';

export async function launchBrowser(t: Teardown): Promise<Browser> {
  // The package's arguments are for a function that renders once: a test keeps its browser over many pages.
  const args = chromium.args.filter((arg) => arg !== '--single-process');
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
  t.teardown(() => browser.close());
  return browser;
}

/** A page at the office PC's screen size (1366x768) unless told otherwise. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Page usability time: from the navigation (a click, or a new hash) until `ready` is visible with the
 * data in it, in milliseconds, as the person waits for it.
 */
export async function usableWithin(page: Page, navigate: () => Promise<unknown>, ready: string): Promise<number> {
  const started = performance.now();
  await navigate();
  await page.locator(ready).first().waitFor({ state: 'visible' });
  return performance.now() - started;
}

/** The development sign-in: picks the demo user with this role at this organisation. */
export async function signInAs(page: Page, consoleUrl: string, role: string, organisationId: string): Promise<void> {
  await page.goto(`${consoleUrl}/#/sign-in`);
  await page.locator(`button[data-user="${role}@${organisationId}"]`).click();
  await page.locator('header.top .who').waitFor({ state: 'visible' });
}

/** Navigates within the console (its pages are addressed by the hash), as a click on a link does. */
export function hashTo(page: Page, hash: string): Promise<unknown> {
  return page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}
