// Offline-first in a real browser: a page that loses the network keeps editing, survives
// a reload with no network (app shell from the service worker, rows from IndexedDB), and
// its edits reach another page once it is back online.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellText,
  editCell,
  hasChromium,
  launchChromium,
  openGrid,
  rowIdAt,
  seedSession,
  stateOf,
  waitForState,
  waitUntil,
} from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

/** The key of the newest update of a room in the page's IndexedDB copy (0 if none). */
function storedUpdates(page: Page, room: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('civic-ledger');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const index = db.transaction('updates').objectStore('updates').index('room');
          const cursor = index.openCursor(IDBKeyRange.only(name), 'prev');
          cursor.onsuccess = () => {
            db.close();
            resolve(Number(cursor.result?.primaryKey ?? 0));
          };
          cursor.onerror = () => reject(cursor.error);
        };
      }),
    room,
  );
}

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
    const url = `${server.url}/ledger/taoyuan`;
    const offlineContext = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    const otherContext = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    await seedSession(offlineContext, server);
    await seedSession(otherContext, server);
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
    const stored = await storedUpdates(page, 'ledger.taoyuan');
    await editCell(page, rowId, 'description', text);
    await waitForState(page, 'save-state', 'local');
    // The batched IndexedDB write must land before the page goes away.
    await waitUntil(
      () => storedUpdates(page, 'ledger.taoyuan'),
      (n) => n > stored,
      'the edit in IndexedDB',
    );

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
