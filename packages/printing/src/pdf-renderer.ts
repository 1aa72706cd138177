// HTML to PDF (and a screenshot, to look at a page) with a headless Chromium that comes with the
// dependencies (@sparticuz/chromium, driven by playwright-core): nothing is downloaded at run time. One
// browser per process, launched on first use, closed with the app.
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

export class PdfRenderer {
  #browser: Promise<Browser> | undefined;

  async #page() {
    // The package's arguments are for a serverless function that renders once: a process that renders
    // many pages keeps its browser, so not in a single process (which ends with its first page).
    const args = chromium.args.filter((arg) => arg !== '--single-process');
    this.#browser ??= chromium.executablePath().then((executablePath) => playwright.launch({ executablePath, args, headless: true }));
    const browser = await this.#browser;
    return browser.newPage();
  }

  /** A4 PDF of a self-contained HTML document. */
  async pdf(html: string): Promise<Buffer> {
    const page = await this.#page();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await page.close();
    }
  }

  /** A PNG of the page as printed (A4 width), for looking at a document. */
  async screenshot(html: string): Promise<Buffer> {
    const page = await this.#page();
    try {
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      return await page.screenshot({ fullPage: true });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = undefined;
    if (browser) await (await browser).close();
  }
}
