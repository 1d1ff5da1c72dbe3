// The duty coverage page against the real server in Chromium: the office sees a gap in
// the matrix built from every committee's roster, fills it with one click and a confirm,
// the gap is gone and the committee's roster room (read by the official client) has the
// shift, which undo takes back; a shift written elsewhere shows live; a manager is not
// offered the button; the liaison daily report and the re-check list read the ledgers.
import { addDays, deleteRow, todayInShanghai } from '@civic-ledger/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, hasChromium, launchChromium, seedSession, waitUntil } from '../support/browser.ts';
import type { TestClient } from '../support/clients.ts';
import { type District, startDistrict, type Username, writeRows } from '../support/district.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const SLOT = { start: '09:00', end: '11:30' };

describe.skipIf(!hasChromium())('duty coverage page in the browser', () => {
  let district: District;
  let browser: Browser;
  let roster: TestClient;
  const contexts: BrowserContext[] = [];
  const today = todayInShanghai();
  let market = '';
  let wang = '';
  let liaison = '';

  beforeAll(async () => {
    [district, browser] = await Promise.all([startDistrict(), launchChromium()]);
    const site = (name: string) => district.sites.get(name) ?? '';
    market = site('桃园菜场');
    const people = await district.open('people', 'r-staff');
    [wang, liaison] = (
      await writeRows(people, [
        { name: '王芳', role: 'resident', committeeId: 'taoyuan', volunteer: true, phone: '13800000001' },
        { name: '周敏', role: 'liaison', committeeId: 'taoyuan', volunteer: false },
      ])
    ).map((row) => String(row.id)) as [string, string];
    // Two of the three sites are staffed in the one slot of the day; 桃园菜场 is the gap.
    roster = await district.open('roster.taoyuan', 'r-staff');
    await writeRows(roster, [
      {
        committeeId: 'taoyuan',
        date: today,
        ...SLOT,
        siteId: site('桃园新村3号楼'),
        role: 'volunteer',
        person: district.people.get('张伟') ?? '',
        status: 'checked_in',
      },
    ]);
    const hongqiao = await district.open('roster.hongqiao', 'r-staff');
    await writeRows(hongqiao, [
      {
        committeeId: 'hongqiao',
        date: today,
        ...SLOT,
        siteId: site('虹桥路口'),
        role: 'guard',
        person: district.people.get('李娜') ?? '',
        status: 'scheduled',
      },
    ]);
    const ledger = await district.open('ledger.taoyuan', 'r-staff');
    const issue = { committeeId: 'taoyuan', siteId: market, source: 'office' };
    await writeRows(ledger, [
      {
        ...issue,
        category: 'street_rubbish',
        description: '菜场门口垃圾未清',
        foundAt: `${today}T08:20:00+08:00`,
        foundBy: liaison,
        deadline: addDays(today, -1),
        status: 'open',
      },
      {
        ...issue,
        category: 'stairwell_clutter',
        description: '楼道堆物已清，待回头看',
        foundAt: `${addDays(today, -10)}T10:00:00+08:00`,
        deadline: addDays(today, -9),
        status: 'closed',
        closedAt: `${addDays(today, -9)}T16:00:00+08:00`,
        recheckAt: addDays(today, -2),
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await district?.close();
  });

  async function open(user: Username, hash = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, district.server, user);
    const page = await context.newPage();
    await page.goto(`${district.server.url}/coverage${hash}`);
    return page;
  }

  const gapCell = (page: Page) =>
    page.locator(
      `[data-testid="coverage-cell"][data-site="${market}"][data-date="${today}"][data-start="${SLOT.start}"]`,
    );

  it('the office fills a gap with one shift, sees it covered, and can undo it', async () => {
    const page = await open('r-staff');
    const cell = gapCell(page);
    await cell.waitFor({ timeout: 20_000 });
    expect(await cell.getAttribute('data-state')).toBe('gap');
    // Each committee's roster syncs on its own: wait for both.
    await waitUntil(
      () => page.getByTestId('coverage-summary').textContent(),
      (text) => (text ?? '').includes('2 / 3'),
      'coverage of both rosters',
    );

    await cell.click();
    const form = page.getByTestId('add-shift-form');
    await form.waitFor();
    expect(await form.getByTestId('add-shift-where').textContent()).toContain('桃园菜场');
    // 王芳 is offered first: a free volunteer of the site's committee (张伟 is busy elsewhere).
    expect(await page.getByTestId('add-shift-person').inputValue()).toBe(wang);
    await page.keyboard.press('Enter');

    await waitUntil(
      () => cell.getAttribute('data-state'),
      (s) => s !== null && s !== 'gap',
      'the gap to be covered',
    );
    expect(await cell.textContent()).toContain('王芳');
    expect(await page.getByTestId('coverage-summary').textContent()).toContain('3 / 3');
    await page.screenshot({ path: artifactPath('coverage.png') });
    await page.getByTestId('gaps-only').check();
    await page.getByTestId('coverage-no-gaps').waitFor();
    await page.getByTestId('gaps-only').uncheck();

    const added = () =>
      [...roster.rows.values()].filter((row) => row.get('siteId') === market && row.get('date') === today);
    await waitUntil(
      async () => added().length,
      (n) => n === 1,
      'the shift in roster.taoyuan',
    );
    const row = added()[0];
    expect(Object.fromEntries([...(row?.entries() ?? [])].filter(([k]) => k !== 'id'))).toEqual({
      committeeId: 'taoyuan',
      date: today,
      start: SLOT.start,
      end: SLOT.end,
      siteId: market,
      role: 'volunteer',
      person: wang,
      phone: '13800000001',
      status: 'scheduled',
    });

    // The shift is this person's own edit: the notice's undo takes it back everywhere.
    await page.getByTestId('info-notice').getByRole('button', { name: '撤销' }).click();
    await waitUntil(
      () => cell.getAttribute('data-state'),
      (s) => s === 'gap',
      'the gap back after undo',
    );
    await waitUntil(
      async () => added().length,
      (n) => n === 0,
      'the shift gone from roster.taoyuan',
    );

    // Someone else fills it (through the official client): the page follows live.
    await writeRows(roster, [
      {
        committeeId: 'taoyuan',
        date: today,
        ...SLOT,
        siteId: market,
        role: 'volunteer',
        person: wang,
        status: 'checked_in',
      },
    ]);
    await waitUntil(
      () => cell.getAttribute('data-state'),
      (s) => s === 'checked_in',
      'the remote shift on the page',
    );
    // Leave the gap as the other tests expect it.
    for (const row of added()) deleteRow(roster.doc, String(row.get('id')));
    await roster.confirm();
  }, 90_000);

  it('a manager sees the gap but is not offered to fill it', async () => {
    const page = await open('r-manager');
    const cell = gapCell(page);
    await cell.waitFor({ timeout: 20_000 });
    expect(await cell.getAttribute('data-state')).toBe('gap');
    expect(await cell.getByTestId('add-shift').count()).toBe(0);
    await cell.click();
    expect(await page.getByTestId('add-shift-form').count()).toBe(0);
  }, 60_000);

  it('the liaison daily report and the re-check list read the ledgers', async () => {
    const page = await open('r-staff', '#liaison');
    const row = page.locator(`[data-testid="liaison-row"][data-person="${liaison}"]`);
    // Rows show as soon as the copy on this device is read; the server's copy follows.
    await waitUntil(
      () => row.getByTestId('liaison-found').getAttribute('data-count'),
      (n) => n === '1',
      'the liaison’s find of today',
      20_000,
    );
    expect(await row.getByTestId('liaison-found').textContent()).toContain('沿街垃圾');

    await page.getByTestId('duty-tab-recheck').click();
    const recheck = page.getByTestId('recheck-list');
    await recheck.waitFor({ timeout: 20_000 });
    expect(await recheck.textContent()).toContain('楼道堆物');
    expect(await recheck.textContent()).toContain('2 天');
    const overdue = page.getByTestId('overdue-list');
    expect(await overdue.textContent()).toContain('桃园菜场');
    expect(await overdue.textContent()).toContain('1 天');
  }, 60_000);
});
