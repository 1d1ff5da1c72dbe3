// Offline-first in a real browser: a page that loses the network keeps editing, survives
// a reload with no network (app shell from the service worker, rows from IndexedDB), and
// its edits reach another page once it is back online.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appUrl,
  cellText,
  editCell,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  stateOf,
  waitForState,
  waitUntil,
} from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

describe.skipIf(!hasChromium())('offline editing in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an edit made offline survives an offline reload and reaches the other page when back online', async () => {
    const url = appUrl(server, '/ledger/taoyuan');
    const offlineContext = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    const otherContext = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    const page = await offlineContext.newPage();
    const other = await otherContext.newPage();
    await Promise.all([openGrid(page, url), openGrid(other, url)]);
    // The service worker must control the page before the network goes, or nothing can reload.
    await waitUntil(
      () => page.evaluate(() => navigator.serviceWorker.controller !== null),
      (controlled) => controlled,
      'service worker in control',
      20_000,
    );
    const rowId = await rowIdAt(page, 0);
    const text = '离线时登记：楼道堆物已清理';

    await offlineContext.setOffline(true);
    await waitForState(page, 'network-state', 'offline');
    await editCell(page, rowId, 'description', text);
    await waitForState(page, 'save-state', 'local');
    // Give the batched IndexedDB write its moment before the page goes away.
    await page.waitForTimeout(500);

    await page.reload();
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 20_000 });
    await waitUntil(
      () => cellText(page, rowId, 'description'),
      (t) => t === text,
      'edit after offline reload',
    );
    expect(await stateOf(page, 'network-state')).toBe('offline');
    expect(await stateOf(page, 'save-state')).toBe('local');
    expect(await cellText(other, rowId, 'description')).not.toBe(text);

    await offlineContext.setOffline(false);
    await waitUntil(
      () => cellText(other, rowId, 'description'),
      (t) => t === text,
      'edit at the other page',
      20_000,
    );
    await waitForState(page, 'save-state', 'saved', 20_000);
    await waitForState(page, 'network-state', 'online');
  }, 120_000);
});
