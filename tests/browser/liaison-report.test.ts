// The liaison daily report (联络员日报) in Chromium against a real server: a liaison is
// credited only with their own write-off (not the office's in their committee), what they
// found and is still open has its column, the page prints on A4 as the report alone, and
// the XLSX and CSV downloads hold the same figures.
import { readFile } from 'node:fs/promises';
import { addDays, todayInShanghai } from '@civic-ledger/shared';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, hasChromium, launchChromium, seedSession, waitUntil } from '../support/browser.ts';
import { type District, startDistrict, writeRows } from '../support/district.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** A4 portrait between 12 mm side margins, in CSS pixels (96 per inch). */
const A4_CONTENT_PX = Math.round((186 / 25.4) * 96);

/** The pages of a PDF Chromium wrote (its page objects). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

describe.skipIf(!hasChromium())('the liaison daily report', () => {
  let district: District;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const today = todayInShanghai();
  let liaison = '';

  beforeAll(async () => {
    [district, browser] = await Promise.all([startDistrict(), launchChromium()]);
    const market = district.sites.get('桃园菜场') ?? '';
    const people = await district.open('people', 'r-staff');
    let officer = '';
    [liaison, officer] = (
      await writeRows(people, [
        { name: '周敏', role: 'liaison', committeeId: 'taoyuan', volunteer: false },
        { name: '钱主任', role: 'office_worker', committeeId: 'taoyuan', volunteer: false },
      ])
    ).map((row) => String(row.id)) as [string, string];
    const ledger = await district.open('ledger.taoyuan', 'r-staff');
    const issue = { committeeId: 'taoyuan', siteId: market, source: 'office', category: 'street_rubbish' };
    const closedToday = { status: 'closed', closedAt: `${today}T15:00:00+08:00` };
    await writeRows(ledger, [
      // Found by the liaison today and still open: unresolved.
      {
        ...issue,
        description: '菜场门口垃圾未清',
        foundAt: `${today}T08:20:00+08:00`,
        foundBy: liaison,
        status: 'open',
      },
      // Found by the liaison yesterday, written off today by the liaison: theirs.
      {
        ...issue,
        description: '绿化带垃圾已清',
        foundAt: `${addDays(today, -1)}T09:00:00+08:00`,
        foundBy: liaison,
        verifiedBy: liaison,
        ...closedToday,
      },
      // Written off today in the liaison's committee by the office: not the liaison's.
      {
        ...issue,
        description: '沿街垃圾已清（街道核查）',
        foundAt: `${addDays(today, -2)}T09:00:00+08:00`,
        verifiedBy: officer,
        ...closedToday,
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await district?.close();
  });

  async function open(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    contexts.push(context);
    await seedSession(context, district.server, 'r-staff');
    const page = await context.newPage();
    await page.goto(`${district.server.url}/coverage#liaison`);
    return page;
  }

  it('credits only the liaison’s own write-off, shows what is unresolved, prints on A4 and exports', async () => {
    const page = await open();
    const row = page.locator(`[data-testid="liaison-row"][data-person="${liaison}"]`);
    await waitUntil(
      () => row.getByTestId('liaison-unresolved').getAttribute('data-count'),
      (n) => n === '1',
      'the liaison’s open find of today',
      20_000,
    );
    expect(await row.getByTestId('liaison-found').getAttribute('data-count')).toBe('1');
    expect(await row.getByTestId('liaison-resolved').getAttribute('data-count')).toBe('1');
    expect(await row.getByTestId('liaison-resolved').textContent()).not.toContain('街道核查');
    expect(await page.locator('[data-testid="liaison-report"] thead').textContent()).toContain('未销账');

    // On paper: the title and the table, no header, tabs or buttons, within an A4 page's width.
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('liaison-print').isVisible()).toBe(false);
    expect(await page.locator('.liaison-print-title').textContent()).toContain(today);
    expect(await page.locator('.liaison-print-title').isVisible()).toBe(true);
    const right = await page.evaluate(
      () => document.querySelector('[data-testid="liaison-report"]')?.getBoundingClientRect().right ?? 0,
    );
    expect(right).toBeGreaterThan(0);
    expect(right).toBeLessThanOrEqual(A4_CONTENT_PX + 1);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(pdfPages(pdf)).toBe(1);
    await page.screenshot({ path: artifactPath('liaison-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 768 });

    // XLSX: the sheet holds the same counts and codes as the page.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('liaison-export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`联络员日报_${today}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await xlsx.path()) ?? '')) as never);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '联络员',
      '居民区',
      '日期',
      '当日发现',
      '发现的问题',
      '本人销账',
      '销账的问题',
      '未销账',
      '未销账的问题',
    ]);
    const zhou = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(zhou[0]).toBe('周敏');
    expect([zhou[3], zhou[5], zhou[7]]).toEqual([1, 1, 1]);

    // CSV: the same, as text.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('liaison-export-csv').click(),
    ]);
    const text = await readFile((await csv.path()) ?? '', 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('未销账');
    expect(
      lines
        .find((l) => l.startsWith('周敏'))
        ?.split(',')
        .slice(2, 4),
    ).toEqual([today, '1']);
  }, 90_000);
});
