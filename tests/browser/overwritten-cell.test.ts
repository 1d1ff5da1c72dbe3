// Two people change the same cell at once, in two Chromium contexts at 1366×768 against a
// real server: one edits offline, the other online, then the first comes back. Yjs keeps
// one value; the person whose value was not kept is told who overwrote which cell with
// what, and their value; the row's history holds both values; one click puts the lost
// one back for everyone.
import { addDays, todayInShanghai } from '@civic-ledger/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type District, startDistrict, type Username, writeRows } from '../support/district.ts';

if (!hasChromium())
  console.warn('browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium())('a cell changed by two people at once', () => {
  let district: District;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [district, browser] = await Promise.all([startDistrict(), launchChromium()]);
    const ledger = await district.open('ledger.taoyuan', 'r-staff');
    await writeRows(ledger, [
      {
        committeeId: 'taoyuan',
        siteId: district.sites.get('桃园菜场') ?? '',
        category: 'street_rubbish',
        source: 'self_check',
        description: '菜场门口垃圾',
        foundAt: `${addDays(todayInShanghai(), -1)}T09:00:00+08:00`,
        status: 'open',
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await district?.close();
  });

  async function person(user: Username): Promise<{ user: Username; page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(context);
    await seedSession(context, district.server, user);
    const page = await context.newPage();
    await openGrid(page, `${district.server.url}/ledger/taoyuan`);
    return { user, page, context };
  }

  it('tells the person whose value was not kept, keeps both in the history, and puts it back in one click', async () => {
    const [a, b] = await Promise.all([person('r-staff'), person('r-taoyuan')]);
    const rowId = await rowIdAt(a.page, 0);
    const values = new Map([
      [a, '甲：已清理并设置提示牌'],
      [b, '乙：已通知保洁'],
    ]);
    // Each sees the other before the race, so the notice can name them.
    await waitUntil(
      () => a.page.getByTestId('presence').textContent(),
      (t) => (t ?? '').includes('r-taoyuan'),
      'the other person present',
    );

    // a edits offline; b edits the same cell online; then a comes back.
    await a.context.setOffline(true);
    await waitForState(a.page, 'network-state', 'offline');
    await editCell(a.page, rowId, 'rectification', values.get(a) ?? '');
    await editCell(b.page, rowId, 'rectification', values.get(b) ?? '');
    await waitForState(b.page, 'save-state', 'saved');
    await a.context.setOffline(false);
    await waitForState(a.page, 'save-state', 'saved', 20_000);

    // Both settle on one value; the other person gets the notice.
    const kept = await waitUntil(
      async () => [
        await cellText(a.page, rowId, 'rectification'),
        await cellText(b.page, rowId, 'rectification'),
      ],
      ([x, y]) => x === y && x !== '',
      'one value in both pages',
      20_000,
    );
    const winner = kept[0] === values.get(a) ? a : b;
    const loser = winner === a ? b : a;
    expect(kept[0]).toBe(values.get(winner));
    const notice = loser.page.getByTestId('overwrite-notice');
    await notice.waitFor({ timeout: 10_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('整改措施');
    expect(text).toContain(values.get(loser));
    expect(text).toContain(values.get(winner));
    expect(text).toContain(winner.user);
    expect(await winner.page.getByTestId('overwrite-notice').count()).toBe(0);
    await loser.page.screenshot({ path: artifactPath('overwritten-cell.png') });

    // The row's history (read from the server's audit trail) holds both values before
    // anything is put back, whichever update reached the server first.
    await cell(loser.page, rowId, 'description').click();
    await loser.page.getByTestId('row-history').click();
    const panel = loser.page.getByTestId('row-history-panel');
    await panel.waitFor();
    for (const value of values.values())
      await panel
        .getByTestId('row-history-entry')
        .filter({ hasText: value })
        .first()
        .waitFor({ timeout: 10_000 });

    // One click writes the lost value back, as a normal edit that reaches the other page.
    await notice.getByRole('button', { name: '恢复我的值' }).click();
    for (const p of [loser.page, winner.page])
      await waitUntil(
        () => cellText(p, rowId, 'rectification'),
        (t) => t === values.get(loser),
        'the value put back',
        20_000,
      );
    expect(await loser.page.getByTestId('overwrite-notice').count()).toBe(0);
  }, 120_000);
});
