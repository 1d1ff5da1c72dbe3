// Two people edit the same ledger in real Chromium pages against the real server: edits
// merge, undo takes back only one's own edit, invalid values are refused with a reason,
// each sees where the other is editing, and cell ranges copy and paste as TSV. The grid
// registers only the AG Grid modules it uses: no page may log an AG Grid error (#200 names
// a module that is missing).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  cell,
  cellText,
  editCell,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  seedSession,
  waitForState,
  waitUntil,
} from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium())('shared ledger grid in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  /** What AG Grid logged as an error or warning on any page of the current test. */
  const gridMessages: string[] = [];
  afterEach(() => {
    expect(gridMessages.splice(0)).toEqual([]);
  });

  async function person(name: string, path = '/ledger/taoyuan'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, server);
    const page = await context.newPage();
    page.on('console', (message) => {
      const kind = message.type();
      if ((kind === 'error' || kind === 'warning') && /AG Grid/i.test(message.text()))
        gridMessages.push(message.text());
    });
    await openGrid(page, `${server.url}${path}`);
    const input = page.getByTestId('display-name');
    await input.fill(name);
    await input.press('Enter');
    return page;
  }

  it('two pages edit different cells of the same row and both see both', async () => {
    const [a, b] = await Promise.all([person('甲'), person('乙')]);
    const rowId = await rowIdAt(a, 0);
    expect(await rowIdAt(b, 0)).toBe(rowId);
    await editCell(a, rowId, 'description', '甲改的问题描述');
    await editCell(b, rowId, 'rectification', '乙填的整改措施');
    for (const page of [a, b]) {
      await waitUntil(
        () => cellText(page, rowId, 'description'),
        (t) => t === '甲改的问题描述',
        'description',
      );
      await waitUntil(
        () => cellText(page, rowId, 'rectification'),
        (t) => t === '乙填的整改措施',
        'rectification',
      );
      await waitForState(page, 'save-state', 'saved');
    }
    await a.screenshot({ path: artifactPath('ledger.png') });
  }, 90_000);

  it('undo reverts only my own edit', async () => {
    const [a, b] = await Promise.all([person('甲'), person('乙')]);
    const rowId = await rowIdAt(a, 1);
    const before = await cellText(a, rowId, 'description');
    await editCell(a, rowId, 'description', '甲的修改，稍后撤销');
    await editCell(b, rowId, 'rectification', '乙的修改，应当保留');
    await waitUntil(
      () => cellText(a, rowId, 'rectification'),
      (t) => t === '乙的修改，应当保留',
      'b at a',
    );
    await waitUntil(
      () => cellText(b, rowId, 'description'),
      (t) => t === '甲的修改，稍后撤销',
      'a at b',
    );
    await cell(a, rowId, 'status').click();
    await a.keyboard.press('Control+Z');
    for (const page of [a, b]) {
      await waitUntil(
        () => cellText(page, rowId, 'description'),
        (t) => t === before,
        'undone description',
      );
      expect(await cellText(page, rowId, 'rectification')).toBe('乙的修改，应当保留');
    }
  }, 90_000);

  it('an invalid value is refused with a visible reason', async () => {
    const page = await person('甲');
    const rowId = await rowIdAt(page, 2);
    const before = await cellText(page, rowId, 'recurrences');
    await editCell(page, rowId, 'recurrences', '-1');
    const notice = page.getByTestId('error-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('不能小于 0');
    expect(await cellText(page, rowId, 'recurrences')).toBe(before);
  }, 60_000);

  it('shows who else is here and the cell they are editing', async () => {
    const [a, b] = await Promise.all([person('观察者'), person('编辑者')]);
    const rowId = await rowIdAt(a, 0);
    await waitUntil(
      () => a.getByTestId('presence').textContent(),
      (t) => (t ?? '').includes('编辑者'),
      'presence list',
    );
    await cell(b, rowId, 'rectification').dblclick();
    const outlined = cell(a, rowId, 'rectification').locator('.presence-cell');
    await outlined.waitFor({ timeout: 10_000 });
    expect(await outlined.getAttribute('data-presence')).toBe('编辑者');
    await b.keyboard.press('Escape');
    await outlined.waitFor({ state: 'detached', timeout: 10_000 });
  }, 60_000);

  it('copies a range as TSV and pastes a block from a spreadsheet', async () => {
    const page = await person('甲');
    const first = await rowIdAt(page, 3);
    const second = await rowIdAt(page, 4);
    await cell(page, first, 'category').click();
    await cell(page, second, 'source').click({ modifiers: ['Shift'] });
    await waitUntil(
      () => page.getByTestId('selection-stats').textContent(),
      (t) => (t ?? '').includes('已选 6 格'),
      'selection of 2 rows × 3 columns',
    );
    // What Excel puts on the clipboard: CRLF rows, a quoted cell with a line break.
    const pasted = '飞线充电\t"第一行\r\n第二行"\tself_check\r\n楼道堆物\t楼道杂物已清\t12345热线\r\n';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
      );
    }, pasted);
    await waitUntil(
      () => cellText(page, second, 'description'),
      (t) => t === '楼道杂物已清',
      'pasted block',
    );
    expect(await cellText(page, first, 'category')).toBe('飞线充电');
    expect(await cellText(page, second, 'category')).toBe('楼道堆物');
    expect(await cellText(page, first, 'source')).toBe('自查');
    expect(await cellText(page, second, 'source')).toBe('12345热线');
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('copy', { clipboardData: data, bubbles: true }),
      );
      return data.getData('text/plain');
    });
    expect(copied).toBe('飞线充电\t"第一行\r\n第二行"\t自查\r\n楼道堆物\t楼道杂物已清\t12345热线');
  }, 60_000);

  it('sorts, filters and opens every editor of the ledger with only the modules it registers', async () => {
    const page = await person('甲');
    const rowId = await rowIdAt(page, 0);
    const header = page.locator('.ag-header-cell[col-id="deadline"]').first();
    await header.locator('.ag-header-cell-label').click();
    await waitUntil(
      () => header.getAttribute('aria-sort'),
      (s) => s === 'ascending',
      'sorted by deadline',
    );
    await header.locator('.ag-header-cell-label').click();
    await header.locator('.ag-header-cell-label').click();
    // Each editor kind: date, select (status), the person picker, long text in a popup, and plain text.
    for (const [key, editor] of [
      ['deadline', '.ag-cell-editor input'],
      ['status', '.ag-cell-editor .ag-picker-field, .ag-cell-editor select, .ag-select'],
      ['assignee', '.ref-picker-input'],
      ['description', '.ag-popup-editor textarea'],
      ['recurrences', '.ag-cell-editor input'],
    ] as const) {
      await cell(page, rowId, key).dblclick();
      await page.locator(editor).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
    }
    // The number filter under its floating filter, then the text filter.
    const column = async (key: string) =>
      page.locator(`.ag-header-cell[col-id="${key}"]`).first().getAttribute('aria-colindex');
    const numberFilter = page.locator(
      `.ag-floating-filter[aria-colindex="${await column('recurrences')}"] input`,
    );
    await numberFilter.first().fill('0');
    await page.locator('.ag-row[row-index="0"]').first().waitFor();
    await numberFilter.first().fill('');
    const textFilter = page.locator(
      `.ag-floating-filter[aria-colindex="${await column('description')}"] input`,
    );
    await textFilter.first().fill('不存在的描述文字');
    await waitUntil(
      () => page.locator('.ag-row').count(),
      (n) => n === 0,
      'no row matches',
    );
    await textFilter.first().fill('');
    await page.locator('.ag-row[row-index="0"]').first().waitFor();
  }, 60_000);
});
