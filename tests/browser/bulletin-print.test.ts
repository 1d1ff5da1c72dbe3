// The weekly bulletin printed by real Chromium on A4 portrait: a PDF of a few pages, and in
// the overdue and recurred lists no issue code, date or status word broken across lines.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/accounts.ts';
import { artifactPath, hasChromium, launchChromium } from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** A4 portrait between the bulletin's 10 mm side margins, in CSS pixels (96 per inch). */
const A4_CONTENT_PX = Math.round((190 / 25.4) * 96);

/** The pages of a PDF Chromium wrote (its page objects). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

/** The issue lists: the tables whose first column is the issue code. */
const ISSUE_TABLES = 'table:has(thead th:first-child:text-is("编号"))';

/** Cells of the issue lists under these headers whose text takes more than one line. */
function brokenCells(page: Page, headers: readonly string[]) {
  return page.evaluate((wanted) => {
    const broken: string[] = [];
    for (const table of document.querySelectorAll('table')) {
      const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
      if (names[0] !== '编号') continue;
      for (const tr of table.querySelectorAll('tbody tr')) {
        [...tr.children].forEach((td, n) => {
          if (!wanted.includes(names[n] ?? '') || !td.textContent) return;
          const range = document.createRange();
          range.selectNodeContents(td);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(`${names[n]}: ${td.textContent}`);
        });
      }
    }
    return broken;
  }, headers);
}

describe.skipIf(!hasChromium())('the weekly bulletin on paper', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({ demo: true, env: { SNAPSHOT_SCHEDULE: 'off' } }),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints on A4 portrait with no issue code, date or status split across lines', async () => {
    const token = await login(server.url, 'manager', 'civic-manager-2026');
    const res = await fetch(`${server.url}/api/bulletin`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = await browser.newPage({ viewport: { width: A4_CONTENT_PX, height: 1000 } });
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    const listed = await page.locator(`${ISSUE_TABLES} tbody tr`).count();
    expect(listed).toBeGreaterThan(20); // the demo district's overdue and recurred issues

    const broken = await brokenCells(page, ['编号', '发现日期', '整改时限', '状态']);
    expect(broken, `${broken.length} cells split`).toEqual([]);
    // Every column is inside the page: nothing cut off at the right edge.
    const widest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(A4_CONTENT_PX + 1);

    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    // About 30 list rows fit a page; the figures, the change and the ranking take one or two.
    console.log(`weekly bulletin: ${listed} listed issues on ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(Math.ceil(listed / 25) + 2);
    await page.screenshot({ path: artifactPath('bulletin-print.png'), fullPage: true });
    await page.close();
  }, 90_000);
});
