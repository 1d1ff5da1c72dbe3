// The phone report page in a real browser on a phone (390×844, touch): a patrol goes offline,
// reports an issue with two camera photos, reloads with no network and still sees the queue;
// back online the row reaches the committee's ledger with both photos and a deadline, and the
// served photo has lost its GPS position. A patrol's report arrives the same way (its
// photos are attached once the session names the patrol's person, which the patrol rule
// asks for). On a laptop the same page is usable too.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifOf, phoneJpeg } from '../photos/photo-fixtures.ts';
import { createAccounts, login } from '../support/accounts.ts';
import {
  artifactPath,
  cellText,
  hasChromium,
  launchChromium,
  openGrid,
  seedSession,
  waitUntil,
} from '../support/browser.ts';
import { connectClient, type TestClient, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

// The demo district's patrol: linked to a resident volunteer, so its reports name it as the
// finder and it may add photos to them.
const PATROL = 'patrol';
const PASSWORDS: Readonly<Record<string, string>> = { [PATROL]: 'civic-patrol-2026' };
const STAFF = 'field-office';
const MEMBER = 'field-member';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

function queueCount(page: Page): Promise<number> {
  return page
    .getByTestId('report-queue')
    .getAttribute('data-count')
    .then((n) => Number(n ?? -1));
}

/** Picks the first site the search finds, then a category, a quick phrase and the text. */
async function fillReport(page: Page, search: string, tap: (selector: string) => Promise<void>) {
  await page.getByTestId('report-site-search').fill(search);
  await page.getByTestId('report-site').first().waitFor();
  await tap('[data-testid="report-site"] >> nth=0');
  await page.getByTestId('report-site-chosen').waitFor();
  await tap('[data-testid="report-category-stairwell_clutter"]');
  await tap('[data-testid="report-phrase"] >> nth=0');
}

async function newestReport(page: Page): Promise<{ rowId: string; room: string; state: string }> {
  const item = page.getByTestId('my-report').first();
  await item.waitFor();
  return {
    rowId: (await item.getAttribute('data-row-id')) ?? '',
    room: (await item.getAttribute('data-room')) ?? '',
    state: (await item.getAttribute('data-state')) ?? '',
  };
}

describe.skipIf(!hasChromium())('reporting from a phone', () => {
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
    await createAccounts({ dataDir: server.dataDir }, [
      { username: STAFF, role: 'staff', committeeId: null },
      { username: MEMBER, role: 'member', committeeId: 'taoyuan' },
    ]);
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /**
   * Signs `username` in on a phone, goes offline, reports an issue at a 桃园 site with two
   * photos (one with a GPS position), reloads with no network, comes back online and waits
   * until the report is sent.
   */
  async function reportOffline(username: string): Promise<{ page: Page; rowId: string; room: string }> {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    await seedSession(context, server, username, PASSWORDS[username]);
    const page = await context.newPage();
    const tap = (selector: string) => page.locator(selector).first().tap();
    try {
      await page.goto(`${server.url}/report`);
      await page.getByTestId('report-page').waitFor({ timeout: 20_000 });
      await waitUntil(
        () => page.evaluate(() => navigator.serviceWorker.controller !== null),
        (controlled) => controlled,
        'service worker in control',
        20_000,
      );
      // The sites are on this device before the network goes.
      await page.getByTestId('report-site').first().waitFor({ timeout: 20_000 });

      await context.setOffline(true);
      await fillReport(page, '桃园', tap);
      expect(await page.getByTestId('report-description').inputValue()).not.toBe('');
      const plain = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#a84' } })
        .jpeg()
        .toBuffer();
      // A phone camera names every shot image.jpg.
      await page.getByTestId('report-photo-input').setInputFiles([
        { name: 'image.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg(1200, 900) },
        { name: 'image.jpg', mimeType: 'image/jpeg', buffer: plain },
      ]);
      await waitUntil(
        () => page.getByTestId('report-photos').locator('li').count(),
        (n) => n === 2,
        'two photos chosen',
      );
      await tap('[data-testid="report-send"]');
      await waitUntil(
        () => queueCount(page),
        (n) => n === 1,
        'one report queued',
      );
      expect(await page.getByTestId('report-queue').textContent()).toContain('1 条上报待发送');
      const report = await newestReport(page);
      expect(report.state).toBe('queued');
      expect(report.room).toBe('ledger.taoyuan');

      await page.reload();
      await page.getByTestId('report-page').waitFor({ timeout: 20_000 });
      await waitUntil(
        () => queueCount(page),
        (n) => n === 1,
        'the queue after an offline reload',
      );
      expect((await newestReport(page)).rowId).toBe(report.rowId);

      await context.setOffline(false);
      await waitUntil(
        () => queueCount(page),
        (n) => n === 0,
        'the queue sent',
        30_000,
      );
      await waitUntil(
        () => newestReport(page),
        (r) => r.state === 'sent',
        'the report sent',
      );
      return { page, rowId: report.rowId, room: report.room };
    } catch (err) {
      await page.screenshot({ path: artifactPath(`report-phone-${Date.now()}.png`) }).catch(() => undefined);
      throw err;
    }
  }

  /** The office's view of a row, through the official client. */
  async function officeRow(room: string, rowId: string): Promise<{ client: TestClient; token: string }> {
    const token = await login(server.url, STAFF);
    const client = connectClient(server.wsUrl, room, { token });
    clients.push(client);
    await whenSynced(client);
    await waitFor(() => client.rows.has(rowId), 'the row at the office');
    return { client, token };
  }

  async function servedWithoutGps(ids: readonly string[], token: string): Promise<void> {
    for (const id of ids) {
      const res = await fetch(`${server.url}/api/photos/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const exif = await exifOf(new Uint8Array(await res.arrayBuffer()));
      expect(exif?.GPSInfo).toBeUndefined();
    }
  }

  it('a committee member’s offline report with two photos reaches the office’s ledger with both photos and a deadline', async () => {
    const { page, rowId, room } = await reportOffline(MEMBER);
    const { client, token } = await officeRow(room, rowId);
    const photosOf = () => {
      const photos = client.rows.get(rowId)?.get('photos');
      return Array.isArray(photos) ? (photos as { id: string; stage: string; by: string }[]) : [];
    };
    await waitFor(() => photosOf().length === 2, 'both photos on the row').catch(async (err: Error) => {
      await page.screenshot({ path: artifactPath('report-member-photos.png'), fullPage: true });
      throw new Error(
        `${err.message}; the phone says: ${await page.getByTestId('my-report').first().textContent()}`,
      );
    });
    const row = client.rows.get(rowId);
    expect(row?.get('status')).toBe('open');
    expect(row?.get('source')).toBe('self_check');
    expect(row?.get('category')).toBe('stairwell_clutter');
    expect(row?.get('deadline')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(photosOf().every((p) => p.stage === 'found' && p.by === MEMBER)).toBe(true);
    expect((await exifOf(await phoneJpeg(1200, 900)))?.GPSInfo).toBeDefined();
    await servedWithoutGps(
      photosOf().map((p) => p.id),
      token,
    );

    // On the phone the ledger is a list of cards; the card opens with both thumbnails.
    await page.goto(`${server.url}/ledger/taoyuan`);
    const card = page.locator(`[data-testid="ledger-card"][data-row-id="${rowId}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('data-light')).not.toBe('none');
    expect(await page.locator('.ag-root').count()).toBe(0);
    await card.tap();
    await page.getByTestId('card-form').waitFor();
    await waitUntil(
      () =>
        page
          .locator('img[data-testid="card-thumb"]')
          .evaluateAll(
            (imgs) =>
              imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)
                .length,
          ),
      (n) => n === 2,
      'both thumbnails on the card',
    );

    // The office's ledger grid shows the row with its two photos and its deadline.
    // Wide enough that the grid renders every column, the photos one at the far right too.
    const desk = await browser.newContext({ viewport: { width: 3600, height: 800 } });
    contexts.push(desk);
    await seedSession(desk, server, STAFF);
    const grid = await desk.newPage();
    await openGrid(grid, `${server.url}/ledger/taoyuan?row=${rowId}`);
    await waitUntil(
      () => cellText(grid, rowId, 'photos'),
      (t) => t === '2 张',
      'photo count in the grid',
    ).catch(async (err: Error) => {
      const cols = await grid
        .locator(`.ag-row[row-id="${rowId}"] .ag-cell`)
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('col-id')}=${e.textContent}`));
      throw new Error(`${err.message} ${cols.join(' | ')}`);
    });
    expect(await cellText(grid, rowId, 'deadline')).not.toBe('');
  }, 180_000);

  it('a patrol’s offline report reaches the ledger as an open volunteer issue with a deadline, its photos stored without GPS', async () => {
    const { page, rowId, room } = await reportOffline(PATROL);
    const { client, token } = await officeRow(room, rowId);
    const row = client.rows.get(rowId);
    expect(row?.get('status')).toBe('open');
    expect(row?.get('source')).toBe('volunteer');
    expect(row?.get('deadline')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The patrol's account names its person: the finder, who may add the photos to the row.
    expect(row?.get('foundBy')).toMatch(/^[0-9A-Z]{26}$/);
    const photosOf = () => {
      const photos = client.rows.get(rowId)?.get('photos');
      return Array.isArray(photos) ? (photos as { id: string; stage: string; by: string }[]) : [];
    };
    await waitFor(() => photosOf().length === 2, 'both photos on the patrol’s row');
    expect(photosOf().every((p) => p.stage === 'found' && p.by === PATROL)).toBe(true);
    // Both photos were uploaded for the row (what the device recorded from the server's answers).
    const uploaded = await page.evaluate(
      (id) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('civic-ledger-reports');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('reports').objectStore('reports').get(id);
            get.onsuccess = () => {
              open.result.close();
              resolve(((get.result?.uploaded ?? []) as { id: string }[]).map((p) => p.id));
            };
            get.onerror = () => reject(get.error);
          };
        }),
      rowId,
    );
    expect(uploaded).toHaveLength(2);
    await servedWithoutGps(uploaded, token);
  }, 180_000);

  it('on a laptop the report page is usable with a mouse', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    await seedSession(context, server, PATROL, PASSWORDS[PATROL]);
    const page = await context.newPage();
    await page.goto(`${server.url}/report`);
    await page.getByTestId('report-site').first().waitFor({ timeout: 20_000 });
    const send = await page.getByTestId('report-send').boundingBox();
    expect(send && send.width >= 200 && send.height >= 44).toBe(true);
    await fillReport(page, '桃园', (selector) => page.locator(selector).first().click());
    await page.getByTestId('report-send').click();
    await waitUntil(
      () => newestReport(page),
      (r) => r.state === 'sent',
      'the report sent from a laptop',
      30_000,
    );
    expect(await queueCount(page)).toBe(0);
  }, 120_000);
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    async () => condition(),
    (ok) => ok,
    what,
    timeoutMs,
  );
}
