// A manager in real Chromium against the real server: takes a snapshot, finds it in the
// list, opens it read-only in the grid, compares it with now after the office edits a row,
// and downloads an XLSX export of it through the page, which must hold the snapshot's rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RowValues, readRows } from '@civic-ledger/shared';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
import {
  artifactPath,
  cell,
  cellText,
  hasChromium,
  launchChromium,
  rowIdAt,
  seedSession,
  waitUntil,
} from '../support/browser.ts';
import { connectClient, whenSynced } from '../support/clients.ts';
import { patchRow } from '../support/district.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium())('snapshots, compare and exports in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let managerToken: string;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-ledger-downloads-'));

  beforeAll(async () => {
    const dataDir = tempDataDir();
    await createAccounts({ dataDir }, [{ username: 'boss', role: 'manager' }]);
    [server, browser] = await Promise.all([
      // No scheduled snapshot may turn up in the middle of the test.
      startServerProcess({ dataDir, demo: true, env: { SNAPSHOT_SCHEDULE: 'off' } }),
      launchChromium(),
    ]);
    managerToken = await login(server.url, 'boss');
    const context = await browser.newContext({
      viewport: { width: 1500, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    await seedSession(context, server, 'boss');
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  /** The rows of a room as the snapshot froze them, read straight from the API. */
  async function frozenRows(snapshotId: string, room: string): Promise<RowValues[]> {
    const res = await fetch(`${server.url}/api/snapshots/${snapshotId}/rooms/${room}`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect(res.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    return readRows(doc);
  }

  let snapshotId = '';
  let rowId = '';
  let before = '';
  const after = '快照之后改过的问题描述';

  it('a manager takes a snapshot and finds it in the list', async () => {
    await page.goto(`${server.url}/snapshots`);
    await page.getByTestId('snapshot-list-empty').waitFor({ timeout: 20_000 });
    await page.getByTestId('snapshot-label').fill('周一例会');
    await page.getByTestId('snapshot-take').click();
    await page.getByTestId('snapshot-taken').waitFor();
    const row = page.getByTestId('snapshot-row').filter({ hasText: '周一例会' });
    await row.waitFor();
    snapshotId = (await row.getAttribute('data-snapshot-id')) ?? '';
    expect(snapshotId).toMatch(/^[0-9A-Z]{26}$/);
    expect(await row.textContent()).toContain('手动：boss');
  }, 60_000);

  it('opens the snapshot read-only in the grid, every row of the room and no editing', async () => {
    await page
      .getByTestId('snapshot-row')
      .filter({ hasText: '周一例会' })
      .getByTestId('snapshot-open')
      .click();
    await page.waitForURL(`**/snapshots/${snapshotId}`);
    const banner = page.getByTestId('snapshot-banner');
    await waitUntil(
      () => banner.textContent(),
      (t) => (t ?? '').includes('只读') && !(t ?? '').includes('…'),
      'the banner of a loaded snapshot',
    );
    await page.getByTestId('snapshot-committee').selectOption('taoyuan');
    const frozen = await frozenRows(snapshotId, 'ledger.taoyuan');
    await waitUntil(
      () => banner.textContent(),
      (t) => (t ?? '').includes(`${frozen.length} 行`),
      'the row count of ledger.taoyuan',
    );
    await page.locator('.ag-row[row-index="0"]').first().waitFor();
    rowId = await rowIdAt(page, 0);
    before = await cellText(page, rowId, 'description');
    expect(before).toBe(frozen.find((r) => r.id === rowId)?.description);

    // A double click opens no editor, and typing, Enter or Delete change nothing.
    await cell(page, rowId, 'description').dblclick();
    await page.waitForTimeout(300);
    expect(await page.locator('.ag-cell-editor, .ag-popup-editor').count()).toBe(0);
    await page.keyboard.type('不应写入');
    await page.keyboard.press('Enter');
    await cell(page, rowId, 'description').click();
    await page.keyboard.press('Delete');
    expect(await cellText(page, rowId, 'description')).toBe(before);
    await page.screenshot({ path: artifactPath('snapshot-read-only.png') });
  }, 60_000);

  it('compares the snapshot with now after the office edits a row: the changed row shows', async () => {
    const office = connectClient(server.wsUrl, 'ledger.taoyuan');
    try {
      await whenSynced(office);
      await patchRow(office, rowId, { description: after });
    } finally {
      office.destroy();
    }
    await page.getByTestId('snapshot-back').click();
    await page.waitForURL('**/snapshots');
    await page
      .getByTestId('snapshot-row')
      .filter({ hasText: '周一例会' })
      .getByTestId('snapshot-compare-now')
      .click();
    const changed = page.locator(`[data-testid="diff-row"][data-kind="changed"][data-row-id="${rowId}"]`);
    await changed.waitFor({ timeout: 20_000 });
    const text = (await changed.textContent()) ?? '';
    expect(text).toContain(before);
    expect(text).toContain(after);
    expect(text).toContain('问题描述');
    const found = page.locator('[data-testid="totals-compare"] tr[data-figure="found"] td');
    const [, fromFound, toFound] = await found.allTextContents();
    expect(fromFound).toBe(toFound);
    await page.screenshot({ path: artifactPath('snapshot-compare.png'), fullPage: true });
  }, 60_000);

  it('downloads an XLSX of the snapshot through the page, holding the rooms as they were', async () => {
    await page.getByTestId('export-format-xlsx').check();
    await page.getByTestId('export-source').selectOption(snapshotId);
    await page.getByTestId('export-committee').selectOption('');
    await page.getByTestId('export-content').selectOption('all');
    // Whether the progress display showed at all (a small file may arrive in one chunk).
    await page.evaluate(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="export-progress"]'))
          document.body.dataset.progressSeen = 'yes';
      }).observe(document.body, { childList: true, subtree: true });
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^创全台账_全街道_.*_快照\.xlsx$/);
    const file = path.join(downloads, 'export.xlsx');
    await download.saveAs(file);
    await page.getByTestId('export-done').waitFor();
    expect(await page.getByTestId('export-done').textContent()).toContain(name);
    expect(await page.evaluate(() => document.body.dataset.progressSeen)).toBe('yes');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('问题台账');
    if (!ws) throw new Error('no ledger sheet');
    const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const idCol = headers.indexOf('内部编号') + 1;
    const descriptionCol = headers.indexOf('问题描述') + 1;
    const sheet = new Map<string, ExcelJS.CellValue>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      sheet.set(String(row.getCell(idCol).value), row.getCell(descriptionCol).value);
    }

    const listed = await fetch(`${server.url}/api/snapshots/${snapshotId}`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    const { rooms } = (await listed.json()) as { rooms: string[] };
    const ledgers = rooms.filter((r) => r.startsWith('ledger.'));
    expect(ledgers.length).toBeGreaterThan(1);
    const frozen = (await Promise.all(ledgers.map((room) => frozenRows(snapshotId, room)))).flat();
    expect([...sheet.keys()].sort()).toEqual(frozen.map((r) => String(r.id)).sort());
    for (const row of frozen) expect(sheet.get(String(row.id)) ?? null).toBe(row.description ?? null);
    // The snapshot, not now: the row edited after it reads as it was.
    expect(sheet.get(rowId)).toBe(before);
  }, 60_000);

  it('opens the printable weekly bulletin of the same choice in a new tab', async () => {
    const [tab] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('bulletin-open').click()]);
    await tab.waitForURL(/^blob:/, { timeout: 20_000 });
    expect(await tab.locator('h1').textContent()).toBe('创全工作每周通报');
    await tab.close();
  }, 60_000);
});
