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
  // Layout shifts as Chromium reports them (the CLS measure), summed since the last `layoutShiftSince`.
  await context.addInitScript(`
    window.__shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  `);
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

/** The bar every page is held to: usable within a second of navigation (the console issue's rule). */
export const USABLE_BAR_MS = 1_000;

/**
 * The median usability time of `times` navigations, each after `reset` (leaving the page): one cold
 * start of a server process or a burst on the shared test machine does not decide it. When the median is
 * over `bar`, up to four more navigations are measured and the median is taken of them all: two bursts
 * among three tries (four files run at once on two cores in CI) do not fail a fast page, and a page that
 * is slow every time still fails. All the times are returned for the message.
 */
export async function medianUsable(page: Page, reset: () => Promise<unknown>, navigate: () => Promise<unknown>, ready: string, times = 3, bar = USABLE_BAR_MS): Promise<{ median: number; all: number[] }> {
  return medianOf(() => usableWithin(page, navigate, ready), reset, times, bar);
}

/** The median of `measure` as `medianUsable` takes it: `times` tries, up to four more while over `bar`. */
async function medianOf(measure: () => Promise<number>, reset: () => Promise<unknown>, times: number, bar: number): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  const median = () => [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? Number.NaN;
  for (let i = 0; i < times + 4; i += 1) {
    if (i >= times && median() < bar) break;
    if (i > 0) await reset();
    all.push(await measure());
  }
  return { median: median(), all: all.map(Math.round) };
}

/**
 * Page usability time by the page's own clock: from just before the navigation until the frame that draws
 * `ready` (a CSS selector), in milliseconds. The same span as `usableWithin`, without the test driver's
 * own round trips: the services run in the test's process, so a service busy right after the page is
 * drawn (the charts it draws next) holds back the driver's "it is there", not the person's page.
 */
export async function usableInPage(page: Page, navigate: () => Promise<unknown>, ready: string): Promise<number> {
  await page.evaluate(`(() => {
    const state = (window.__usable = { started: performance.now(), drawnAt: null });
    const seen = () => document.querySelector(${JSON.stringify(ready)}) !== null;
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      requestAnimationFrame(() => { state.drawnAt = performance.now(); });
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  })()`);
  await navigate();
  await page.locator(ready).first().waitFor({ state: 'visible' });
  await page.waitForFunction('window.__usable.drawnAt !== null');
  return Number(await page.evaluate('window.__usable.drawnAt - window.__usable.started'));
}

/** `medianUsable` by the page's own clock (`usableInPage`). */
export async function medianUsableInPage(page: Page, reset: () => Promise<unknown>, navigate: () => Promise<unknown>, ready: string, times = 3, bar = USABLE_BAR_MS): Promise<{ median: number; all: number[] }> {
  return medianOf(() => usableInPage(page, navigate, ready), reset, times, bar);
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

/** The layout shift score since the last call (0 when nothing moved as data arrived). */
export async function layoutShiftSince(page: Page): Promise<number> {
  return Number(await page.evaluate('(() => { const s = window.__shift; window.__shift = 0; return s; })()'));
}

/** The bar for `nothingJumped`: Chromium's "good" cumulative layout shift is 0.1; we hold ourselves to half. */
export const JUMP_BAR = 0.05;

/** Asserts the layout shift since the last call stays under the bar, and says the score either way. */
export async function nothingJumped(t: { ok(value: boolean, message: string): void }, page: Page, what: string): Promise<void> {
  const shift = await layoutShiftSince(page);
  t.ok(shift < JUMP_BAR, `nothing jumped ${what} (layout shift ${shift.toFixed(3)})`);
}

/** Whether the page fits its viewport's width (no sideways scrolling). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return Boolean(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'));
}
