// Accounts in the browser: signing in on the sign-in page, what each role may see and
// change in the grid, a row's change history, and a disabled account sent back to sign-in.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, TEST_PASSWORD } from '../support/accounts.ts';
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
  signInThroughPage,
  waitForState,
  waitUntil,
} from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const run = promisify(execFile);
const SERVER_DIR = path.resolve(import.meta.dirname, '../../server');

/** The options of the select editor AG Grid shows for a cell being edited. */
async function editorOptions(page: Page): Promise<string[]> {
  const list = page.locator('.ag-select-list .ag-list-item, .ag-cell-editor .ag-list-item');
  const picker = page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper');
  await picker.waitFor({ timeout: 10_000 });
  if ((await picker.getAttribute('aria-expanded')) !== 'true') await picker.click();
  await list.first().waitFor({ timeout: 10_000 });
  return (await list.allTextContents()).map((t) => t.trim());
}

/** The first displayed row (of the first 10) whose status text passes `accept`. */
async function firstRowWhere(page: Page, accept: (status: string) => boolean): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const id = await rowIdAt(page, i);
    if (accept(await cellText(page, id, 'status'))) return id;
  }
  throw new Error('no such row among the first 10');
}

/**
 * Adds a new (open) issue with the toolbar, describes it uniquely and filters the grid to
 * it (so it is the first row, clear of the scrollbars); returns its row id.
 */
async function addIssue(page: Page): Promise<string> {
  await page.getByTestId('add-row').click();
  const id = await describeNewRowAlone(page, '测试问题');
  await waitUntil(
    () => cellText(page, id, 'status'),
    (t) => t === '待整改',
    'new row open',
  );
  return id;
}

async function chooseStatus(page: Page, rowId: string, label: string): Promise<void> {
  await cell(page, rowId, 'status').dblclick();
  await editorOptions(page);
  await page.locator('.ag-list-item').filter({ hasText: label }).first().click();
  await waitUntil(
    () => cellText(page, rowId, 'status'),
    (t) => t === label,
    `status ${label}`,
  );
}

describe.skipIf(!hasChromium())('accounts and rights in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let memberCommittee: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium()]);
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member', password: 'civic-member-2026' }),
    });
    memberCommittee = ((await res.json()) as { user: { committeeId: string } }).user.committeeId;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    return context.newPage();
  }

  /** A page signed in through the sign-in page, showing a grid at `pathname`. */
  async function signedIn(username: string, password: string, pathname: string): Promise<Page> {
    const page = await newPage();
    await signInThroughPage(page, `${server.url}${pathname}`, username, password);
    await waitForState(page, 'network-state', 'online', 20_000);
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 20_000 });
    return page;
  }

  it('signs in with a demo account on the sign-in page and sees the ledger with the role shown', async () => {
    const page = await signedIn('staff', 'civic-staff-2026', '/ledger/all');
    expect(await page.getByTestId('account').textContent()).toContain('文明办工作人员');
    expect(await page.getByTestId('account-role').textContent()).toBe('街道工作人员');
    expect(await page.getByTestId('read-only').count()).toBe(0);
    await page.screenshot({ path: artifactPath('signed-in-staff.png') });
    // The sign-in is kept: a reload opens the grid again without asking.
    await page.reload();
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('login-form').count()).toBe(0);
  }, 90_000);

  it('a wrong password is refused with a clear message', async () => {
    const page = await newPage();
    await signInThroughPage(page, `${server.url}/`, 'staff', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toBe('用户名或密码错误');
    expect(await page.getByTestId('table-grid').count()).toBe(0);
  }, 60_000);

  it('a committee member sees only its own committee and cannot write off an issue', async () => {
    const page = await signedIn('member', 'civic-member-2026', '/ledger/all');
    // The office view is not theirs: they land on their own committee's ledger.
    await waitUntil(
      async () => new URL(page.url()).pathname,
      (p) => p === `/ledger/${memberCommittee}`,
      'own committee route',
    );
    // Only their own committee is offered (no "all committees").
    await waitUntil(
      () =>
        page
          .getByTestId('committee-picker')
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      (values) => values.length === 1 && values[0] === memberCommittee,
      'committee choices',
    );

    const rowId = await addIssue(page);
    await cell(page, rowId, 'status').dblclick();
    const statuses = await editorOptions(page);
    expect(statuses).toEqual(['待整改', '整改中', '已整改待核查']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    // The office's verification fields are not editable for a committee.
    await cell(page, rowId, 'verifiedBy').dblclick();
    await page.waitForTimeout(300);
    expect(await page.locator('.ag-cell-editor, .ag-popup-editor').count()).toBe(0);

    // A written-off issue stays written off for a committee (only the office reopens).
    await page.getByRole('button', { name: '清除筛选' }).click();
    const closed = await firstRowWhere(page, (status) => status === '已销账');
    await cell(page, closed, 'status').dblclick();
    expect(await editorOptions(page)).toEqual(['已销账']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // Another committee's ledger is not reachable by address either.
    await page.goto(`${server.url}/ledger/not-mine`);
    await waitUntil(
      async () => new URL(page.url()).pathname,
      (p) => p === `/ledger/${memberCommittee}`,
      'redirect to own committee',
    );
  }, 90_000);

  it('the office writes off a rectified issue, and the workflow records when', async () => {
    const page = await signedIn('staff', 'civic-staff-2026', `/ledger/${memberCommittee}`);
    const rowId = await addIssue(page);
    if ((await cellText(page, rowId, 'status')) !== '已整改待核查') {
      // Rectified needs its note first (the evidence rules).
      await editCell(page, rowId, 'rectification', '已清理完毕');
      await waitUntil(
        () => cellText(page, rowId, 'rectification'),
        (t) => t === '已清理完毕',
        'rectification note',
      );
      await chooseStatus(page, rowId, '已整改待核查');
      await waitUntil(
        () => cellText(page, rowId, 'rectifiedAt'),
        (t) => t !== '',
        'rectifiedAt',
      );
    }
    await cell(page, rowId, 'status').dblclick();
    expect(await editorOptions(page)).toEqual(['已整改待核查', '整改中', '已销账']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await chooseStatus(page, rowId, '已销账');
    await waitUntil(
      () => cellText(page, rowId, 'closedAt'),
      (t) => t !== '',
      'closedAt',
    );
    // The checker is the staff account's own person, filled in by the write-off.
    await waitUntil(
      () => cellText(page, rowId, 'verifiedBy'),
      (t) => t !== '',
      'verifiedBy',
    );
    await waitForState(page, 'save-state', 'saved');
    expect(await page.getByTestId('error-notice').count()).toBe(0);
  }, 90_000);

  it("a manager's grid is read-only", async () => {
    const page = await signedIn('manager', 'civic-manager-2026', '/ledger/all');
    await page.getByTestId('read-only').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('add-row').count()).toBe(0);
    expect(await page.getByTestId('delete-rows').count()).toBe(0);
    const rowId = await rowIdAt(page, 0);
    const before = await cellText(page, rowId, 'description');
    await cell(page, rowId, 'description').dblclick();
    await page.waitForTimeout(300);
    expect(await page.locator('.ag-cell-editor, .ag-popup-editor').count()).toBe(0);
    await page.keyboard.type('不应写入');
    await page.keyboard.press('Enter');
    expect(await cellText(page, rowId, 'description')).toBe(before);
  }, 60_000);

  it('row history shows an edit made by another signed-in page', async () => {
    const pathname = `/ledger/${memberCommittee}`;
    const [editor, reader] = await Promise.all([
      signedIn('member', 'civic-member-2026', pathname),
      signedIn('staff', 'civic-staff-2026', pathname),
    ]);
    const rowId = await rowIdAt(editor, 1);
    const text = `居委补充描述 ${Date.now()}`;
    await editCell(editor, rowId, 'description', text);
    await waitForState(editor, 'save-state', 'saved');
    await waitUntil(
      () => cellText(reader, rowId, 'description'),
      (t) => t === text,
      'edit at the reader',
    );
    await cell(reader, rowId, 'description').click();
    await reader.getByTestId('row-history').click();
    const panel = reader.getByTestId('row-history-panel');
    await panel.waitFor();
    const entry = panel.getByTestId('row-history-entry').filter({ hasText: text }).first();
    await entry.waitFor({ timeout: 10_000 });
    const line = (await entry.textContent()) ?? '';
    expect(line).toContain('member');
    expect(line).toContain('问题描述');
    expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await reader.screenshot({ path: artifactPath('row-history.png') });
  }, 90_000);

  it('disabling the account sends the page back to the sign-in page', async () => {
    await createAccounts({ dataDir: server.dataDir }, [
      { username: 'wang', role: 'member', committeeId: memberCommittee },
    ]);
    const page = await signedIn('wang', TEST_PASSWORD, `/ledger/${memberCommittee}`);
    await run(process.execPath, ['--import', 'tsx', 'src/cli/users.ts', 'disable', 'wang'], {
      cwd: SERVER_DIR,
      env: { ...process.env, DATA_DIR: server.dataDir },
    });
    const notice = page.getByTestId('login-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('账号已停用或已变更');
    // Signing in again is refused with the reason.
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('login-error').textContent()).toContain('停用');
  }, 90_000);

  it('a seeded sign-in opens the grid directly', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    contexts.push(context);
    await seedSession(context, server, 'admin', 'civic-admin-2026');
    const page = await context.newPage();
    await openGrid(page, `${server.url}/sites`);
    expect(await page.getByTestId('account-role').textContent()).toBe('街道管理员');
  }, 60_000);

  it('a ?token= link signs in with that token and leaves the address bar', async () => {
    const page = await newPage();
    await openGrid(page, `${server.url}/ledger/all?token=${encodeURIComponent(server.token)}`);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByTestId('account-role').textContent()).toBe('街道管理员');
  }, 60_000);
});
