// Pasting past the last row in Chromium at 1366×768, as a committee member: the rows the
// block needs are added (as a spreadsheet does), checked by the same rules, so a pasted
// row missing its description is refused whole and the status says how many cells and
// why; the server stores the added rows, and one Ctrl+Z takes the whole paste back.
import { addDays, todayInShanghai } from '@civic-ledger/shared';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cell,
  cellText,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  seedSession,
  waitUntil,
} from '../support/browser.ts';
import type { TestClient } from '../support/clients.ts';
import { type District, rowsOf, startDistrict, writeRows } from '../support/district.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium())('pasting past the last row', () => {
  let district: District;
  let browser: Browser;
  let ledger: TestClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [district, browser] = await Promise.all([startDistrict(), launchChromium()]);
    ledger = await district.open('ledger.taoyuan', 'r-staff');
    const issue = {
      committeeId: 'taoyuan',
      siteId: district.sites.get('桃园菜场') ?? '',
      category: 'street_rubbish',
      source: 'self_check',
      foundAt: `${addDays(todayInShanghai(), -1)}T09:00:00+08:00`,
      status: 'open',
    };
    await writeRows(ledger, [
      { ...issue, description: '第一行' },
      { ...issue, description: '第二行' },
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await district?.close();
  });

  it('adds the rows a block needs, refuses an incomplete one with the count and reason, and undoes all at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, district.server, 'r-taoyuan');
    const page = await context.newPage();
    await openGrid(page, `${district.server.url}/ledger/taoyuan`);
    await page.locator('.ag-row[row-index="1"]').first().waitFor();
    const last = await rowIdAt(page, 1);
    const before = await cellText(page, last, 'description');
    // Site, category and description, from the last row down: the fourth row has no description.
    const block = [
      ['桃园新村3号楼', '楼道堆物', '最后一行改了'],
      ['桃园新村3号楼', '飞线充电', '新增一'],
      ['桃园菜场', '沿街垃圾', '新增二'],
      ['桃园菜场', '沿街垃圾', ''],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n');
    await cell(page, last, 'siteId').click();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
      );
    }, block);

    // The status: 9 cells pasted and 2 rows added; 3 cells refused, and why.
    const info = await waitUntil(
      () => page.getByTestId('info-notice').textContent(),
      (t) => (t ?? '').includes('新增 2 行'),
      'the paste reported',
    );
    expect(info).toContain('已粘贴 9 个单元格');
    const error = (await page.getByTestId('error-notice').textContent()) ?? '';
    expect(error).toContain('3 个单元格未粘贴');
    expect(error).toContain('问题描述');

    // The grid and the server have the two new rows, complete, in this committee.
    await page.locator('.ag-row[row-index="3"]').first().waitFor();
    expect(await page.locator('.ag-row[row-index="4"]').count()).toBe(0);
    expect(await cellText(page, last, 'description')).toBe('最后一行改了');
    await waitUntil(
      async () => rowsOf(ledger),
      (rows) => rows.length === 4,
      'the added rows on the server',
    );
    const added = rowsOf(ledger).filter((r) => r.description === '新增一' || r.description === '新增二');
    expect(added).toHaveLength(2);
    for (const row of added) expect(row).toMatchObject({ committeeId: 'taoyuan', status: 'open' });

    // One Ctrl+Z: the added rows go and the last row has its description back.
    await cell(page, last, 'category').click();
    await page.keyboard.press('Control+z');
    await waitUntil(
      async () => rowsOf(ledger),
      (rows) => rows.length === 2,
      'the paste undone on the server',
    );
    expect(await page.locator('.ag-row[row-index="2"]').count()).toBe(0);
    await waitUntil(
      () => cellText(page, last, 'description'),
      (t) => t === before,
      'the last row as it was',
    );
  }, 90_000);
});
