// The live totals page in real Chromium against the real server: while the office edits
// the ledger in one page, the dashboard in another page follows within a second, and each
// number drills down to exactly as many rows as it says.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  cell,
  cellText,
  describeNewRowAlone,
  editCell,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  seedSession,
  waitUntil,
} from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** The count a clickable number of the dashboard shows (its `data-count`). */
async function figure(page: Page, key: string): Promise<number> {
  const value = await page.getByTestId(`n-${key}`).first().getAttribute('data-count');
  if (value === null) throw new Error(`no figure ${key}`);
  return Number(value);
}

/**
 * Starts watching a figure of the dashboard: resolves with the wall-clock time (ms) at
 * which its count first differs from now, seen by a MutationObserver in the page itself.
 */
async function watchFigure(page: Page, key: string): Promise<() => Promise<number>> {
  const testId = `n-${key}`;
  // Kept on the page: evaluating a promise would wait for it before the edit is made.
  await page.evaluate((id) => {
    const read = () => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-count') ?? null;
    const before = read();
    const host = window as { figureWatches?: Record<string, Promise<number>> };
    host.figureWatches ??= {};
    const watches = host.figureWatches;
    watches[id] = new Promise<number>((resolve, reject) => {
      const observer = new MutationObserver(() => {
        if (read() === before) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(Date.now());
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${id} stayed at ${before}`));
      }, 15_000);
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
  }, testId);
  return () =>
    page.evaluate(
      (id) => (window as { figureWatches?: Record<string, Promise<number>> }).figureWatches?.[id] ?? -1,
      testId,
    );
}

/** The options of the status editor of a cell being edited. */
async function openStatusEditor(page: Page, rowId: string): Promise<void> {
  await cell(page, rowId, 'status').dblclick();
  const picker = page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper');
  await picker.waitFor({ timeout: 10_000 });
  if ((await picker.getAttribute('aria-expanded')) !== 'true') await picker.click();
  await page.locator('.ag-select-list .ag-list-item, .ag-cell-editor .ag-list-item').first().waitFor();
}

/** The rooms this page keeps a copy of in IndexedDB. */
function storedRooms(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('civic-ledger');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const rooms: string[] = [];
          const cursor = db
            .transaction('updates')
            .objectStore('updates')
            .index('room')
            .openKeyCursor(null, 'nextunique');
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) {
              db.close();
              resolve(rooms);
              return;
            }
            rooms.push(String(at.key));
            at.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
      }),
  );
}

/** Waits until the dashboard's figures cover every room in scope; returns its sync state. */
async function dashboardComplete(page: Page, state = 'online'): Promise<void> {
  await waitUntil(
    () => page.getByTestId('dashboard-sync').getAttribute('data-state'),
    (s) => s === state,
    `every room of the dashboard in, ${state}`,
    30_000,
  );
}

describe.skipIf(!hasChromium())('live totals in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let committee: string;
  // A dashboard holds a socket per room (34 here): close each test's pages, or one account
  // soon reaches the server's connection limit per user.
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member', password: 'civic-member-2026' }),
    });
    committee = ((await res.json()) as { user: { committeeId: string } }).user.committeeId;
  }, 90_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1800 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, server, username, password);
    return context.newPage();
  }

  it('an edit in the ledger changes the dashboard in another page within a second', async () => {
    // The board: a manager at the 16:00 meeting, reading every committee.
    const board = await signedInPage('manager', 'civic-manager-2026');
    await board.goto(`${server.url}/dashboard`);
    await dashboardComplete(board);
    const found = await figure(board, 'figure:found');
    expect(found).toBeGreaterThan(100); // the demo district's ledger
    expect(await board.getByTestId('table-committee-status').locator('tbody tr').count()).toBe(16);

    // The editor: the office, on one committee's ledger.
    const editor = await signedInPage('staff', 'civic-staff-2026');
    await openGrid(editor, `${server.url}/ledger/${committee}`);
    // A new row takes the committee's first site: wait until the grid knows the sites (names, not ids).
    const firstRow = await rowIdAt(editor, 0);
    await waitUntil(
      () => cellText(editor, firstRow, 'siteId'),
      (t) => t !== '' && !/^[0-9A-Za-z_-]{16,}$/.test(t),
      'site names in the grid',
    );

    // 1. A new issue: the total goes up by one.
    const foundChanged = await watchFigure(board, 'figure:found');
    const foundToday = await figure(board, 'figure:foundToday');
    const addedAt = Date.now();
    await editor.getByTestId('add-row').click();
    const addLatency = (await foundChanged()) - addedAt;
    expect(await figure(board, 'figure:found')).toBe(found + 1);
    expect(await figure(board, 'figure:foundToday')).toBe(foundToday + 1);

    // Describe it and narrow the grid to it, so it is the first row.
    const rowId = await describeNewRowAlone(editor, '看板测试');
    const text = `看板测试 ${rowId.slice(-8)}`;

    // 2. Rectified (with its note), then written off by the office: closed today goes up by one.
    await editCell(editor, rowId, 'rectification', '已清理');
    await waitUntil(
      () => cellText(editor, rowId, 'rectification'),
      (t) => t === '已清理',
      'rectification note',
    );
    await openStatusEditor(editor, rowId);
    await editor.locator('.ag-list-item').filter({ hasText: '已整改待核查' }).first().click();
    await waitUntil(
      () => cellText(editor, rowId, 'status'),
      (t) => t === '已整改待核查',
      'rectified',
    );
    const closedToday = await figure(board, 'figure:closedToday');
    const closedChanged = await watchFigure(board, 'figure:closedToday');
    await openStatusEditor(editor, rowId);
    const closeItem = editor.locator('.ag-list-item').filter({ hasText: '已销账' }).first();
    const closedAt = Date.now();
    await closeItem.click();
    const closeLatency = (await closedChanged()) - closedAt;
    expect(await figure(board, 'figure:closedToday')).toBe(closedToday + 1);

    console.log(
      `dashboard latency: new row ${addLatency} ms, status written off ${closeLatency} ms (edit in one page to the figure in another)`,
    );
    // The time is reported, not asserted: a test on a loaded machine cannot hold a speed
    // target (the figure follows the edit at all, within the watch's 15 s, is what it pins).
    expect(addLatency).toBeGreaterThanOrEqual(0);
    expect(closeLatency).toBeGreaterThanOrEqual(0);

    // 3. The number drills down to exactly its rows, the new one among them.
    const closedNow = await figure(board, 'figure:closedToday');
    await board.getByTestId('n-figure:closedToday').click();
    const panel = board.getByTestId('drill-panel');
    await panel.waitFor();
    expect(Number(await panel.getByTestId('drill-count').getAttribute('data-count'))).toBe(closedNow);
    const rows = panel.getByTestId('drill-rows').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(closedNow, 50));
    expect(await panel.locator(`tr[data-row-id="${rowId}"]`).count()).toBe(1);
    expect(await panel.locator(`tr[data-row-id="${rowId}"] td.col-description`).textContent()).toBe(text);

    // A committee × status cell too: its count is the rows it opens.
    const cellKey = `committeeStatus:${committee}:closed`;
    const cellCount = await figure(board, cellKey);
    await board.getByTestId(`n-${cellKey}`).click();
    await waitUntil(
      () => panel.getAttribute('data-target'),
      (target) => target === cellKey,
      'the committee × status drill-down',
    );
    expect(Number(await panel.getByTestId('drill-count').getAttribute('data-count'))).toBe(cellCount);
    expect(await panel.locator(`tr[data-row-id="${rowId}"]`).count()).toBe(cellCount <= 50 ? 1 : 0);

    // The charts: today's bar of written-off issues is the same figure, and a committee's
    // count in the ranking opens its rows.
    const today = await board.getByTestId('computed-at').getAttribute('datetime');
    const todayBar = board.getByTestId(`bar-trend:${today?.slice(0, 10)}:closed`);
    expect(Number(await todayBar.getAttribute('data-count'))).toBe(closedNow);
    const rankKey = `committee:${committee}:found`;
    const rankBar = board.getByTestId(`bar-${rankKey}`);
    await rankBar.click();
    await waitUntil(
      () => panel.getAttribute('data-target'),
      (target) => target === rankKey,
      'the ranking drill-down',
    );
    expect(Number(await panel.getByTestId('drill-count').getAttribute('data-count'))).toBe(
      Number(await rankBar.getAttribute('data-count')),
    );
    expect(Number(await rankBar.getAttribute('data-count'))).toBe(
      await figure(board, `committee:${committee}:found`),
    );
    await board.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });

    // English on request, same figures.
    await board.getByTestId('language-switch').click();
    await waitUntil(
      () => board.locator('#figure-found').textContent(),
      (t) => t === 'All issues',
      'English labels',
    );
    expect(await figure(board, 'figure:found')).toBe(found + 1);
    // The open drill-down follows the switch too.
    expect(await board.locator('#drill-title').textContent()).toMatch(/ · All issues$/);
    await board.screenshot({ path: artifactPath('dashboard-en.png'), fullPage: true });
  }, 120_000);

  it('a committee member sees only its own committee', async () => {
    const page = await signedInPage('member', 'civic-member-2026');
    await page.goto(`${server.url}/dashboard`);
    await dashboardComplete(page);
    const rows = page.getByTestId('table-committee-status').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-row-id')).toBe(committee);
    // The committees, sites, and its own ledger and roster.
    expect(await page.getByTestId('dashboard-sync').textContent()).toContain('4 张表已全部载入');
    expect(await figure(page, 'figure:found')).toBe(await figure(page, `committee:${committee}:found`));
  }, 60_000);

  it('reloaded with no network, it shows the figures from the copies on this device', async () => {
    const page = await signedInPage('manager', 'civic-manager-2026');
    await page.goto(`${server.url}/dashboard`);
    await dashboardComplete(page);
    await waitUntil(
      () => page.evaluate(() => navigator.serviceWorker.controller !== null),
      (controlled) => controlled,
      'service worker in control',
      20_000,
    );
    const found = await figure(page, 'figure:found');
    const covered = await figure(page, 'coverage:covered:null');
    // Every room's copy must be written before the network goes.
    const committees = await page
      .getByTestId('table-committee-status')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id') ?? ''));
    expect(committees).toHaveLength(16);
    const needed = ['committees', 'sites', ...committees.flatMap((id) => [`ledger.${id}`, `roster.${id}`])];
    await waitUntil(
      () => storedRooms(page),
      (rooms) => needed.every((room) => rooms.includes(room)),
      'a copy of every room on this device',
    );
    await page.context().setOffline(true);
    await page.reload();
    await dashboardComplete(page, 'offline');
    expect(await figure(page, 'figure:found')).toBe(found);
    expect(await figure(page, 'coverage:covered:null')).toBe(covered);
    expect(await page.getByTestId('dashboard-sync').textContent()).toContain('离线');
    await page.context().setOffline(false);
    await dashboardComplete(page);
  }, 90_000);
});
