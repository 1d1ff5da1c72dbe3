// Importing a committee's own spreadsheet in the browser, against the real server: a
// member opens its ledger, uploads a messy CSV, maps the columns, sees the accepted and
// rejected rows with reasons, confirms; the rows reach the grid and the room (read with
// the official y-websocket client), and one undo takes them all back. A cancelled import
// and a broken file write nothing.
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  editCell,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  seedSession,
  waitForState,
  waitUntil,
} from '../support/browser.ts';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const MEMBER = { username: 'member', password: 'civic-member-2026' };
/** Every description the test imports carries this, so its rows are easy to find. */
const MARK = '导入测试';

describe.skipIf(!hasChromium())('importing a spreadsheet in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let committee: string;
  let siteName: string;
  let ledger: TestClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MEMBER),
    });
    committee = ((await res.json()) as { user: { committeeId: string } }).user.committeeId;
    const sites = connectClient(server.wsUrl, 'sites');
    await whenSynced(sites);
    const names = [...sites.rows.values()].map((r) => ({
      name: String(r.get('name')),
      committeeId: r.get('committeeId'),
    }));
    const own = names.find(
      (s) => s.committeeId === committee && names.filter((x) => x.name === s.name).length === 1,
    );
    if (!own) throw new Error(`no site of ${committee} with a unique name`);
    siteName = own.name;
    sites.destroy();
    ledger = connectClient(server.wsUrl, `ledger.${committee}`);
    await whenSynced(ledger);
  }, 90_000);
  afterAll(async () => {
    ledger?.destroy();
    await browser?.close();
    await server?.stop();
  });

  /** Descriptions of the imported rows in the room, as another client sees it. */
  const importedInRoom = () =>
    [...ledger.rows.values()]
      .map((r) => String(r.get('description') ?? ''))
      .filter((d) => d.includes(MARK))
      .sort();

  /** What a committee keeps: a blank row, Chinese and slash dates, an unknown category, an impossible date. */
  function messyCsv(): string {
    return [
      '序号,点位,问题类型,情况说明,发现日期,备注',
      `1,${siteName},楼道堆物,${MARK}一 楼道堆放纸箱,2020年5月11日,`,
      ',,,,,',
      `2,${siteName},沿街垃圾,${MARK}二 门口垃圾,2020/5/12,急`,
      `3,${siteName},乱贴小广告,${MARK}三 电线杆小广告,2020年5月13日,`,
      `4,${siteName},飞线充电,${MARK}四 车棚飞线充电,2020年2月30日,`,
      '',
    ].join('\r\n');
  }

  async function memberPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, server, MEMBER.username, MEMBER.password);
    const page = await context.newPage();
    await openGrid(page, `${server.url}/ledger/${committee}`);
    return page;
  }

  /** Opens the dialog and uploads `body` as a file called `name`; waits for the mapping step. */
  async function upload(page: Page, name: string, body: string | Buffer): Promise<void> {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-dialog').waitFor();
    await page.getByTestId('import-file').setInputFiles({
      name,
      mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
      buffer: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    });
  }

  async function mapAndPreview(page: Page): Promise<void> {
    await page.getByTestId('import-mapping').waitFor({ timeout: 15_000 });
    await page.getByTestId('import-column-description').selectOption('3');
    await page.getByTestId('import-fixed-source').selectOption('self_check');
    await page.getByTestId('import-to-preview').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 15_000 });
  }

  /** Filters the grid's description column to `text` (once: each fill restarts the filter's debounce). */
  async function filterDescription(page: Page, text: string): Promise<void> {
    const column = await page
      .locator('.ag-header-cell[col-id="description"]')
      .first()
      .getAttribute('aria-colindex');
    await page.locator(`.ag-floating-filter[aria-colindex="${column}"] input`).first().fill(text);
  }

  it('a member maps, previews and imports a messy CSV; one undo takes every row back', async () => {
    const page = await memberPage();
    const before = ledger.rows.size;
    await upload(page, '桃园问题台账.csv', messyCsv());
    await page.getByTestId('import-mapping').waitFor({ timeout: 15_000 });

    // The server's suggestion is filled in; the column it could not place and the missing source are named.
    expect(await page.getByTestId('import-column-siteId').inputValue()).toBe('1');
    expect(await page.getByTestId('import-column-category').inputValue()).toBe('2');
    expect(await page.getByTestId('import-column-foundAt').inputValue()).toBe('4');
    expect(await page.getByTestId('import-column-description').inputValue()).toBe('');
    expect(await page.getByTestId('import-header-row').inputValue()).toBe('1');
    // A committee does not verify or write off its own issues: those fields are not offered.
    expect(await page.getByTestId('import-column-verifiedBy').count()).toBe(0);
    expect(await page.getByTestId('import-column-closedAt').count()).toBe(0);
    const missing = (await page.getByTestId('import-missing').textContent()) ?? '';
    expect(missing).toContain('问题描述');
    expect(missing).toContain('问题来源');

    await page.screenshot({ path: artifactPath('import-mapping.png') });
    await mapAndPreview(page);
    expect(await page.getByTestId('import-missing').count()).toBe(0);
    expect(await page.getByTestId('import-counts').textContent()).toBe('可导入 2 行，不能导入 2 行');
    expect(await page.getByTestId('import-skipped').textContent()).toContain('空行 1 行');
    const accepted = page.getByTestId('import-accepted');
    expect(
      await accepted.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line'))),
    ).toEqual(['2', '4']);
    const first = (await accepted.locator('tr[data-line="2"]').textContent()) ?? '';
    expect(first).toContain('楼道堆物');
    expect(first).toContain('2020-05-11');
    expect(first).toContain('自查');
    expect(first).toContain(siteName);
    const rejected = page.getByTestId('import-rejected');
    expect(await rejected.locator('tr[data-line="5"] [data-code]').getAttribute('data-code')).toBe(
      'unknown_option',
    );
    expect(await rejected.locator('tr[data-line="5"]').textContent()).toContain('没有选项“乱贴小广告”');
    expect(await rejected.locator('tr[data-line="6"] [data-code]').getAttribute('data-code')).toBe(
      'unreadable_date',
    );
    expect(await rejected.locator('tr[data-line="6"]').textContent()).toContain(
      '无法识别的日期：2020年2月30日',
    );
    await page.screenshot({ path: artifactPath('import-preview.png') });

    // Nothing is written before confirming.
    expect(ledger.rows.size).toBe(before);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('已导入 2 行');
    await page.getByTestId('import-close').click();
    await waitForState(page, 'save-state', 'saved');

    await waitFor(() => importedInRoom().length === 2, 10_000, 'imported rows in the room');
    expect(importedInRoom()).toEqual([`${MARK}一 楼道堆放纸箱`, `${MARK}二 门口垃圾`]);
    expect(ledger.rows.size).toBe(before + 2);
    const imported = [...ledger.rows.values()].find((r) =>
      String(r.get('description')).startsWith(`${MARK}一`),
    );
    expect(imported?.get('foundAt')).toBe('2020-05-11T00:00:00+08:00');
    expect(imported?.get('source')).toBe('self_check');
    expect(imported?.get('category')).toBe('stairwell_clutter');
    expect(imported?.get('committeeId')).toBe(committee);
    await filterDescription(page, MARK);
    await waitUntil(
      () => page.getByTestId('row-count').textContent(),
      (count) => (count ?? '').startsWith('2 /'),
      'the imported rows in the grid',
    );
    await waitUntil(
      async () =>
        (await page.locator('.ag-row .ag-cell[col-id="description"]').allTextContents())
          .map((t) => t.trim())
          .sort(),
      (shown) => JSON.stringify(shown) === JSON.stringify([`${MARK}一 楼道堆放纸箱`, `${MARK}二 门口垃圾`]),
      'the imported descriptions in the grid',
    );

    // One undo (Ctrl+Z in the grid) takes the whole import back, here and in the room.
    await page.locator('.ag-row .ag-cell[col-id="category"]').first().click();
    await page.keyboard.press('Control+Z');
    await waitFor(() => importedInRoom().length === 0, 10_000, 'undo of the import in the room');
    expect(ledger.rows.size).toBe(before);
    await waitUntil(
      () => page.getByTestId('row-count').textContent(),
      (count) => (count ?? '').startsWith('0 /'),
      'no imported rows left in the grid',
    );
    // Redo brings it back whole; the toolbar's undo takes it all back again.
    await page.getByTestId('redo').click();
    await waitFor(() => importedInRoom().length === 2, 10_000, 'redo of the import in the room');
    await page.getByTestId('undo').click();
    await waitFor(() => importedInRoom().length === 0, 10_000, 'second undo in the room');
    expect(ledger.rows.size).toBe(before);
  }, 120_000);

  it('a cancelled import writes nothing, at the mapping step and at the preview', async () => {
    const page = await memberPage();
    const before = ledger.rows.size;
    await upload(page, '台账.csv', messyCsv());
    await page.getByTestId('import-mapping').waitFor({ timeout: 15_000 });
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });

    await upload(page, '台账.csv', messyCsv());
    await mapAndPreview(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });

    // An edit made after the cancels reaches the room; an import written before it would have too.
    const rowId = await rowIdAt(page, 0);
    await editCell(page, rowId, 'rectification', '取消导入之后的修改');
    await waitFor(
      () => ledger.rows.get(rowId)?.get('rectification') === '取消导入之后的修改',
      10_000,
      'the later edit in the room',
    );
    expect(importedInRoom()).toEqual([]);
    expect(ledger.rows.size).toBe(before);
  }, 120_000);

  it('an XLSX workbook: the sheet that looks like a ledger and the header under its title are found, and both can be changed', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表每周五报街道文明办']);
    const ws = wb.addWorksheet('5月台账');
    ws.addRow(['问题整改台账（2020年5月）']);
    ws.mergeCells('A1:E1');
    ws.addRow([]);
    ws.addRow(['点位', '问题类型', '问题描述', '来源', '发现日期']);
    ws.addRow([siteName, '沿街垃圾', `${MARK}五 门口垃圾`, '自查', new Date(Date.UTC(2020, 4, 11))]);
    const page = await memberPage();
    const before = ledger.rows.size;
    await upload(page, '5月台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByTestId('import-mapping').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-sheet').inputValue()).toBe('5月台账');
    expect(await page.getByTestId('import-header-row').inputValue()).toBe('3');
    expect(await page.getByTestId('import-column-description').inputValue()).toBe('2');
    expect(await page.getByTestId('import-column-source').inputValue()).toBe('3');

    // Headers read from the title row instead: nothing maps any more.
    await page.getByTestId('import-header-row').fill('1');
    await page.getByTestId('import-read-headers').click();
    await waitUntil(
      () => page.getByTestId('import-column-description').inputValue(),
      (value) => value === '',
      'the mapping read from row 1',
    );
    expect(await page.getByTestId('import-column-siteId').locator('option').allTextContents()).toContain(
      'A · 问题整改台账（2020年5月）',
    );
    // The notes sheet holds no ledger at all: its one line is the only column, feeding nothing.
    await page.getByTestId('import-sheet').selectOption('说明');
    await waitUntil(
      () => page.getByTestId('import-column-siteId').locator('option').allTextContents(),
      (options) => options.join('|') === '— 不导入 —|A · 本表每周五报街道文明办',
      'the notes sheet read',
    );
    expect(await page.getByTestId('import-column-siteId').inputValue()).toBe('');
    await page.getByTestId('import-sheet').selectOption('5月台账');
    await waitUntil(
      () => page.getByTestId('import-column-description').inputValue(),
      (value) => value === '2',
      'the ledger sheet read again',
    );
    await page.getByTestId('import-to-preview').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-counts').textContent()).toBe('可导入 1 行，不能导入 0 行');
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    expect(ledger.rows.size).toBe(before);
  }, 120_000);

  it('a broken or old-format file gets a clear error and writes nothing', async () => {
    const page = await memberPage();
    const before = ledger.rows.size;
    await upload(page, '台账.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]));
    const error = page.getByTestId('import-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toBe('导入失败：无法读取这个 Excel 文件');
    expect(await page.getByTestId('import-dialog').getAttribute('data-step')).toBe('file');

    await page.getByTestId('import-file').setInputFiles({
      name: '旧台账.xls',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
    });
    await waitUntil(
      () => error.textContent(),
      (text) => (text ?? '').includes('另存为 .xlsx'),
      'the old-format error',
    );
    await page.getByTestId('import-cancel').click();
    expect(ledger.rows.size).toBe(before);
  }, 60_000);
});
