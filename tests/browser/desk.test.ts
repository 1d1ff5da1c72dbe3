// The daily desk work as new users met it, in real Chromium at 1366×768 against the demo
// district: the ledger's last row clear of the scrollbar, the code, status and deadline in
// sight and the column layout kept, typing with an input method into a selected cell, a
// manager's first page, and no read-only banner for someone who only read.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pinyinInitials } from '../../client/src/registry/pinyin-initials.ts';
import {
  artifactPath,
  cell,
  cellText,
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

const ACCOUNTS = {
  staff: 'civic-staff-2026',
  member: 'civic-member-2026',
  manager: 'civic-manager-2026',
} as const;

describe.skipIf(!hasChromium())('the desk at 1366×768', () => {
  let server: ServerProcess;
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({ demo: true, env: { SNAPSHOT_SCHEDULE: 'off' } }),
      launchChromium(),
    ]);
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(username: keyof typeof ACCOUNTS): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, server, username, ACCOUNTS[username]);
    return context.newPage();
  }

  /** Where a header cell of the ledger is on screen (its right edge). */
  async function headerRight(page: Page, colId: string): Promise<number> {
    const box = await page.locator(`.ag-header-cell[col-id="${colId}"]`).first().boundingBox();
    if (!box) throw new Error(`no header ${colId}`);
    return box.x + box.width;
  }

  it('the last row is clear of the scrollbar; code, status and deadline stay in sight; the layout is kept', async () => {
    const page = await signedIn('staff');
    await openGrid(page, `${server.url}/ledger/all`);
    // Every committee's rows in (the rows of the "all" view arrive room by room).
    let rowCount = -1;
    await waitUntil(
      async () => {
        const previous = rowCount;
        await page.waitForTimeout(700);
        rowCount = Number(await page.locator('[aria-rowcount]').first().getAttribute('aria-rowcount'));
        return rowCount === previous && rowCount > 100;
      },
      (steady) => steady,
      'every room in the grid',
      30_000,
    );
    const first = await rowIdAt(page, 0);
    await cell(page, first, 'description').click();
    await page.keyboard.press('Control+End');
    // Scrolled to the end: the last row is drawn, and no drawn row reaches under the
    // horizontal scrollbar or past the rows' viewport. The last index is read in the
    // same frame as the rows, so a room whose rows arrive late cannot skew it.
    const lowest = () =>
      page.evaluate(() => {
        const lastIndex =
          Number(document.querySelector('[aria-rowcount]')?.getAttribute('aria-rowcount')) - 3;
        const viewport = document.querySelector('.ag-grid-viewport')?.getBoundingClientRect();
        const scrollbar = document.querySelector('.ag-body-horizontal-scroll')?.getBoundingClientRect();
        const bottom = viewport?.bottom ?? 0;
        const shown = [...document.querySelectorAll('.ag-grid-scrolling-container .ag-row')]
          .map((r) => ({ index: Number(r.getAttribute('row-index')), rect: r.getBoundingClientRect() }))
          .filter((r) => r.rect.height > 0 && r.rect.top < bottom && r.rect.bottom > (viewport?.top ?? 0));
        return {
          lastShown: shown.some((r) => r.index === lastIndex),
          row: Math.max(...shown.map((r) => r.rect.bottom)),
          viewport: bottom,
          scrollbar: scrollbar?.top ?? 0,
        };
      });
    // Settled: the last row shown in two reads 300 ms apart at the same place (on a
    // loaded machine the grid may still be scrolling or drawing when it first shows).
    const clear = await waitUntil(
      async () => {
        const first = await lowest();
        await page.waitForTimeout(300);
        const second = await lowest();
        if (!second.lastShown) await page.keyboard.press('Control+End');
        return { settled: first.lastShown && second.lastShown && first.row === second.row, ...second };
      },
      (l) => l.settled,
      'scrolled to the last row',
      30_000,
    );
    expect(clear.lastShown).toBe(true);
    // The last row ends inside the rows' viewport and above the horizontal scrollbar.
    expect(clear.row).toBeLessThanOrEqual(clear.viewport + 0.5);
    expect(clear.row).toBeLessThanOrEqual(clear.scrollbar + 0.5);
    await page.screenshot({ path: artifactPath('desk-ledger-bottom.png') });

    // At 1366 px the code, the status and the deadline are on screen, pinned left.
    for (const col of ['id', 'status', 'deadline']) {
      expect(await headerRight(page, col)).toBeLessThan(1366);
      expect(
        await page.locator(`.ag-grid-pinned-left-cells .ag-header-cell[col-id="${col}"]`).count(),
      ).toBeGreaterThan(0);
    }
    // Scrolled all the way right, they are still there.
    await page.keyboard.press('End');
    await page.waitForTimeout(200);
    expect(await headerRight(page, 'status')).toBeLessThan(1366);
    expect(
      (await page.locator('.ag-header-cell[col-id="status"]').first().boundingBox())?.x,
    ).toBeGreaterThanOrEqual(0);

    // A column hidden through the column menu stays hidden after a reload, on this device.
    const headers = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.ag-header-cell')].map((h) => h.getAttribute('col-id')),
      );
    expect(await headers()).toContain('source');
    await page.locator('.column-menu > button').click();
    await page.locator('.column-menu-list label').filter({ hasText: '问题来源' }).locator('input').uncheck();
    await waitUntil(headers, (ids) => !ids.includes('source'), 'the source column hidden');
    const before = await headers();
    await page.reload();
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 20_000 });
    await waitUntil(headers, (ids) => ids.length > 5, 'the columns after the reload');
    expect(await headers()).toEqual(before);
  }, 90_000);

  it('typing with an input method into a selected cell starts its editor with the composed text', async () => {
    const page = await signedIn('staff');
    await openGrid(page, `${server.url}/ledger/all`);
    const rowId = await rowIdAt(page, 0);
    await cell(page, rowId, 'description').click();
    // What Chromium does for a pinyin IME: a "Process" key (229), then the composition
    // goes to whatever has focus, and the chosen characters are committed.
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Process',
      code: 'KeyZ',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.imeSetComposition', { text: 'zhang', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.insertText', { text: '张三路口积水' });
    const editor = page
      .locator('.ag-cell-editor input, .ag-cell-editor textarea, .ag-popup-editor textarea')
      .first();
    await editor.waitFor({ timeout: 5_000 });
    expect(await editor.inputValue()).toBe('张三路口积水');
    await page.keyboard.press('Enter');
    await waitUntil(
      () => cellText(page, rowId, 'description'),
      (t) => t === '张三路口积水',
      'the composed text in the cell',
    );
  }, 60_000);

  it("a manager's first page is the dashboard", async () => {
    const page = await signedIn('manager');
    await page.goto(`${server.url}/`);
    await page.getByTestId('dashboard-sync').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/dashboard');
  }, 60_000);

  it('a member who only reads sees no read-only banner on any page, on a first visit or a later one', async () => {
    const page = await signedIn('member');
    for (const path of ['/dashboard', '/sites', '/coverage', '/dashboard', '/sites', '/coverage']) {
      await page.goto(`${server.url}${path}`);
      await waitUntil(
        () => page.evaluate(() => /在线|已全部载入|覆盖率/.test(document.body.textContent ?? '')),
        (online) => online,
        `${path} online`,
        20_000,
      );
      // The server's answer to the provider's sync step 2 arrives just after the sync.
      await page.waitForTimeout(1500);
      expect(
        await page.evaluate(() => (document.body.textContent ?? '').includes('只读：服务器')),
        path,
      ).toBe(false);
    }
  }, 120_000);

  it('in English, a label cut by a narrow column can be read whole in its tooltip', async () => {
    const page = await signedIn('staff');
    await openGrid(page, `${server.url}/ledger/all`);
    await page.getByTestId('language-switch').click();
    await waitUntil(
      () => page.locator('.ag-header-cell[col-id="category"] .ag-header-cell-text').first().textContent(),
      (t) => t === 'Category',
      'English headers',
    );
    const rowId = await rowIdAt(page, 0);
    const category = cell(page, rowId, 'category');
    const shown = await cellText(page, rowId, 'category');
    expect(shown).not.toBe('');
    await category.hover();
    await waitUntil(
      () =>
        page
          .locator(`.ag-row[row-id="${rowId}"] [title]`)
          .evaluateAll((els) => els.map((e) => e.getAttribute('title'))),
      (titles) => titles.includes(shown),
      'the whole label as a tooltip',
    );
    await page.locator('.ag-header-cell[col-id="description"]').first().hover();
    expect(
      await page
        .locator(
          '.ag-header-cell[col-id="description"] [title], .ag-header-cell[col-id="description"][title]',
        )
        .first()
        .getAttribute('title'),
    ).toBe('Description');
  }, 60_000);

  it('a row of a drill-down opens in the ledger, shown and focused', async () => {
    const page = await signedIn('staff');
    await page.goto(`${server.url}/dashboard`);
    await waitUntil(
      () => page.getByTestId('dashboard-sync').getAttribute('data-state'),
      (s) => s === 'online',
      'every room of the dashboard in',
      30_000,
    );
    await page.getByTestId('n-figure:overdue').click();
    const panel = page.getByTestId('drill-panel');
    const link = panel.getByTestId('drill-open-row').nth(3);
    const rowId = await panel.locator('tbody tr').nth(3).getAttribute('data-row-id');
    expect(rowId).toBeTruthy();
    await link.click();
    await waitUntil(
      () => page.locator(`.ag-row[row-id="${rowId}"] .ag-cell-focus`).count(),
      (n) => n > 0,
      'the row focused in the ledger',
      20_000,
    );
    const url = new URL(page.url());
    expect(url.pathname).toMatch(/^\/ledger\/[a-z0-9-]+$/);
    expect(url.searchParams.get('row')).toBe(rowId);
    await page.screenshot({ path: artifactPath('desk-drill-row.png') });
  }, 90_000);

  it('the dashboard at 1366 px: the status table whole, ranking text legible and apart, figures underlined', async () => {
    const page = await signedIn('manager');
    await page.goto(`${server.url}/dashboard`);
    await waitUntil(
      () => page.getByTestId('dashboard-sync').getAttribute('data-state'),
      (s) => s === 'online',
      'every room of the dashboard in',
      30_000,
    );
    // Every column of the committee × status table inside its card, 合计 last.
    const clipped = await page.getByTestId('table-committee-status').evaluate((table) => {
      const wrap = table.closest('.dash-panel')?.getBoundingClientRect();
      return [...table.querySelectorAll('thead th')]
        .filter((th) => th.getBoundingClientRect().right > (wrap?.right ?? 0) + 0.5)
        .map((th) => th.textContent);
    });
    expect(clipped).toEqual([]);
    // The ranking's labels at 12 px or more on screen, and no two texts of a row overlap.
    const ranking = await page.getByTestId('ranking-chart').evaluate((svg) => {
      const rows = [...svg.querySelectorAll('g[data-committee]')];
      let smallest = Infinity;
      const overlaps: string[] = [];
      for (const row of rows) {
        const texts = [...row.querySelectorAll('text')].map((t) => ({
          t: t.textContent,
          r: t.getBoundingClientRect(),
        }));
        for (const { r } of texts) smallest = Math.min(smallest, r.height);
        texts.forEach((a, i) => {
          for (const b of texts.slice(i + 1))
            if (a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5) overlaps.push(`${a.t} × ${b.t}`);
        });
      }
      return { rows: rows.length, smallest, overlaps };
    });
    expect(ranking.rows).toBe(16);
    expect(ranking.smallest).toBeGreaterThanOrEqual(12);
    expect(ranking.overlaps).toEqual([]);
    // A clickable figure is underlined, not struck through by a dashed border.
    const style = await page
      .getByTestId('n-figure:found')
      .first()
      .evaluate((el) => ({
        border: getComputedStyle(el).borderBottomStyle,
        line: getComputedStyle(el).textDecorationLine,
      }));
    expect(style).toEqual({ border: 'none', line: 'underline' });
    await page.screenshot({ path: artifactPath('desk-dashboard.png'), fullPage: true });
  }, 90_000);

  it('the person picker filters hundreds of names as one types, pinyin initials too', async () => {
    const page = await signedIn('staff');
    await openGrid(page, `${server.url}/ledger/all`);
    const rowId = await rowIdAt(page, 0);
    await cell(page, rowId, 'assignee').dblclick();
    const picker = page.getByTestId('ref-picker');
    await picker.waitFor({ timeout: 10_000 });
    const options = picker.locator('li');
    const all = await options.allTextContents();
    expect(all.length).toBeGreaterThan(20);
    const name = all.find((n, i) => i > 5 && /^[\u4e00-\u9fff]{3}$/.test(n));
    if (!name) throw new Error('no three-character name offered');
    await page.keyboard.type(pinyinInitials(name));
    await waitUntil(
      () => options.allTextContents(),
      (shown) => shown.includes(name) && shown.length < all.length,
      'the name found by its initials',
    );
    const shown = await options.allTextContents();
    for (let i = 0; i < shown.indexOf(name); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitUntil(
      () => cellText(page, rowId, 'assignee'),
      (t) => t === name,
      'the chosen person in the cell',
    );
  }, 60_000);
});
