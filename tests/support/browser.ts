// Debian's Chromium driven by playwright-core for the browser tests and the client
// benchmark, and small helpers to read and edit the app's grid like a person would.
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './accounts.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../artifacts');

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where the app keeps its sign-in in localStorage. */
const SESSION_KEY = 'civic-ledger.session';

/**
 * Signs a browser context in without the sign-in page: logs in over HTTP and puts the
 * answer where the app keeps its sign-in, before any page of the context runs (unless a
 * sign-in is already there, so a reload keeps whatever the app did).
 */
export async function seedSession(
  context: BrowserContext,
  server: { url: string },
  username = 'tester',
  password = TEST_PASSWORD,
): Promise<void> {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  const session = await res.text();
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    },
    [SESSION_KEY, session] as const,
  );
}

/** Signs in through the sign-in page (which `url` shows when signed out). */
export async function signInThroughPage(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** An app URL on the test server, with the access token when the server has accounts (`?token=` signs in). */
export function appUrl(server: { url: string; token?: string }, pathname: string): string {
  return `${server.url}${pathname}${server.token ? `?token=${encodeURIComponent(server.token)}` : ''}`;
}

export async function waitUntil<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export function stateOf(page: Page, testId: 'network-state' | 'save-state'): Promise<string | null> {
  return page.getByTestId(testId).getAttribute('data-state');
}

export async function waitForState(
  page: Page,
  testId: 'network-state' | 'save-state',
  state: string,
  timeoutMs = 15_000,
) {
  await waitUntil(
    () => stateOf(page, testId),
    (s) => s === state,
    `${testId} = ${state}`,
    timeoutMs,
  );
}

/** The cell of a row (by row id) and column key; pinned or not. */
export function cell(page: Page, rowId: string, colKey: string) {
  return page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colKey}"]`).first();
}

export async function cellText(page: Page, rowId: string, colKey: string): Promise<string> {
  return ((await cell(page, rowId, colKey).textContent()) ?? '').trim();
}

/** The id of the row displayed at `index` (rows are rendered only when visible). */
export async function rowIdAt(page: Page, index: number): Promise<string> {
  const id = await page.locator(`.ag-row[row-index="${index}"]`).first().getAttribute('row-id');
  if (!id) throw new Error(`no row at index ${index}`);
  return id;
}

/** Double-click to edit, replace the text, and commit with Tab (works for every text editor). */
/**
 * After "add row": describes the new row (its editor is open) as `label` plus the end of its
 * id, and filters the grid to it, so it is the first row, clear of the scrollbars. Returns
 * its row id.
 */
export async function describeNewRowAlone(page: Page, label: string): Promise<string> {
  const editor = page.locator('.ag-cell-editor input, .ag-cell-editor textarea, .ag-popup-editor textarea');
  await editor.first().waitFor({ timeout: 10_000 });
  const id = await page.locator('.ag-row.ag-row-focus').first().getAttribute('row-id');
  if (!id) throw new Error('no focused new row');
  const text = `${label} ${id.slice(-8)}`;
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  const column = await page
    .locator('.ag-header-cell[col-id="description"]')
    .first()
    .getAttribute('aria-colindex');
  await page.locator(`.ag-floating-filter[aria-colindex="${column}"] input`).first().fill(text);
  await waitUntil(
    () => rowIdAt(page, 0).catch(() => ''),
    (first) => first === id,
    'the new row alone',
  );
  return id;
}

export async function editCell(page: Page, rowId: string, colKey: string, text: string): Promise<void> {
  await cell(page, rowId, colKey).dblclick();
  await page
    .locator('.ag-cell-editor input, .ag-cell-editor textarea, .ag-popup-editor textarea')
    .first()
    .waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  // Tab commits and starts editing the next cell; leave that one untouched.
  await page.keyboard.press('Escape');
}

/** Opens the app and waits until the grid shows rows and the room is synced. */
export async function openGrid(page: Page, url: string): Promise<void> {
  await page.goto(url);
  try {
    await waitForState(page, 'network-state', 'online', 20_000);
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 20_000 });
  } catch (err) {
    await page.screenshot({ path: artifactPath(`failed-open-${Date.now()}.png`) }).catch(() => undefined);
    throw err;
  }
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}
