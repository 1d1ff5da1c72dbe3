// Browser client size benchmark: the JavaScript a cold load of the ledger page (and of the
// sign-in page) fetches, chunk by chunk, raw and gzip, and the ledger page's time to
// interactive with 5,000 rows on a throttled profile (4× CPU slowdown), for a build of an
// earlier commit ("before") and this checkout's build ("after"), side by side.
// Run from tests/: node --import tsx bench/client-size.ts [--quick] [--before-ref <git ref>]
// [--before-dir <built client>]. This checkout's phone report page (/report) is measured
// beside it: its scripts and its time to interactive on a phone profile (390×844, 4× CPU,
// a slow-3G-like network). Also the `client-size` part of bench/run.ts. Writes
// bench-results/client-size.json and the "Client size" section of BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { SqliteStore } from '@civic-ledger/server';
import { buildRoomDoc } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { appUrl, launchChromium, waitUntil } from '../support/browser.ts';
import { startServerProcess, tempDataDir } from '../support/server-process.ts';
import { buildLedgerRoom } from './ledger-data.ts';
import { fmt, machineInfo, median } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The last commit whose client was one chunk with every AG Grid module registered. */
export const DEFAULT_BEFORE_REF = '0249fbc';
const ROWS = 5_000;
const CPU_SLOWDOWN = 4;
/** Chrome's "Slow 3G" preset: 400 ms round trips, about 50 kB/s each way. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

export interface ClientSizeOptions {
  readonly samples: number;
  readonly beforeRef: string;
  /** A client already built from `beforeRef` (skips building it). */
  readonly beforeDir: string | null;
}
export const DEFAULT_CLIENT_SIZE: ClientSizeOptions = {
  samples: 3,
  beforeRef: DEFAULT_BEFORE_REF,
  beforeDir: null,
};
export const QUICK_CLIENT_SIZE: ClientSizeOptions = { ...DEFAULT_CLIENT_SIZE, samples: 1 };

interface Chunk {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

interface VariantResult {
  readonly variant: 'before' | 'after';
  readonly ledgerChunks: Chunk[];
  readonly signInChunks: Chunk[];
  /** Navigation to the first row on screen, per sample (ms, throttled). */
  readonly interactiveMs: number[];
  /** Navigation to every row counted in the status bar, per sample. */
  readonly allRowsMs: number[];
  /** The report page on the phone profile (this checkout only: the page is new). */
  readonly report?: { readonly chunks: Chunk[]; readonly interactiveMs: number[] };
}

export interface ClientSizeResult {
  readonly options: ClientSizeOptions;
  readonly variants: VariantResult[];
}

function gzipSize(bytes: Buffer): number {
  return zlib.gzipSync(bytes, { level: 9 }).length;
}

/** Builds the client of `ref` in a temporary worktree; returns the directory of the build. */
function buildClientAt(ref: string): string {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-ledger-before-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-ledger-before-dist-'));
  const run = (cmd: string, args: string[], cwd: string) =>
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  run('git', ['worktree', 'add', '--detach', tree, ref], ROOT);
  try {
    run(
      'corepack',
      ['pnpm', 'install', '--frozen-lockfile', '--prefer-offline', '--filter', '@civic-ledger/client...'],
      tree,
    );
    run(
      'corepack',
      ['pnpm', '--filter', '@civic-ledger/client', 'exec', 'vite', 'build', '--outDir', out],
      tree,
    );
  } finally {
    run('git', ['worktree', 'remove', '--force', tree], ROOT);
  }
  return out;
}

async function seed(dataDir: string): Promise<string> {
  const store = new SqliteStore(dataDir);
  const ledger = buildLedgerRoom(ROWS, 0);
  await store.compact(ledger.room, ledger.snapshot, 0);
  for (const demo of generateDemoDistrict({ seed: 1, today: '2026-11-24' }).rooms) {
    if (demo.table === 'ledger' || demo.table === 'roster') continue;
    const built = buildRoomDoc(demo.table, demo.rows);
    if (!built.ok) throw new Error(built.error.message.en);
    await store.compact(demo.room, Y.encodeStateAsUpdate(built.value), 0);
  }
  await store.close();
  return ledger.room;
}

/** One cold load in a fresh profile: the scripts fetched, and the times (CPU throttled). */
async function coldLoad(browser: Browser, url: string, rows: number | null) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const scripts: Promise<Chunk | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        response.body().then(
          (body) => ({
            name: new URL(response.url()).pathname,
            bytes: body.length,
            gzipBytes: gzipSize(body),
          }),
          () => null,
        ),
      );
    });
    const started = performance.now();
    await page.goto(url);
    let interactive = Number.NaN;
    let allRows = Number.NaN;
    if (rows === null) {
      await page.getByTestId('login-username').waitFor({ timeout: 60_000 });
    } else {
      await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 120_000 });
      interactive = performance.now() - started;
      await waitUntil(
        () => page.getByTestId('row-count').textContent(),
        (t) => (t ?? '').startsWith(`${rows} / ${rows}`),
        'all rows',
        180_000,
      );
      allRows = performance.now() - started;
    }
    await page.waitForLoadState('networkidle');
    const chunks = (await Promise.all(scripts)).filter((c) => c !== null);
    return { chunks, interactive, allRows };
  } finally {
    await context.close();
  }
}

/**
 * One cold load of the report page on a phone profile: the scripts fetched, and the time
 * until the send button and the site list are there (CPU and network throttled).
 */
async function coldLoadReport(browser: Browser, url: string) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const scripts: Promise<Chunk | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        response.body().then(
          (body) => ({
            name: new URL(response.url()).pathname,
            bytes: body.length,
            gzipBytes: gzipSize(body),
          }),
          () => null,
        ),
      );
    });
    const started = performance.now();
    await page.goto(url);
    await page.getByTestId('report-send').waitFor({ timeout: 180_000 });
    await page.getByTestId('report-site').first().waitFor({ timeout: 180_000 });
    const interactive = performance.now() - started;
    await page.waitForLoadState('networkidle');
    const chunks = (await Promise.all(scripts)).filter((c) => c !== null);
    return { chunks, interactive };
  } finally {
    await context.close();
  }
}

async function measureVariant(
  variant: 'before' | 'after',
  clientDir: string,
  dataDir: string,
  room: string,
  options: ClientSizeOptions,
): Promise<VariantResult> {
  const server = await startServerProcess({ dataDir, env: { CLIENT_DIR: clientDir } });
  const browser = await launchChromium();
  try {
    const ledgerUrl = appUrl(server, `/ledger/${room.slice('ledger.'.length)}`);
    const signIn = await coldLoad(browser, `${server.url}/`, null);
    const interactiveMs: number[] = [];
    const allRowsMs: number[] = [];
    let ledgerChunks: Chunk[] = [];
    for (let i = 0; i < options.samples; i++) {
      const load = await coldLoad(browser, ledgerUrl, ROWS);
      interactiveMs.push(load.interactive);
      allRowsMs.push(load.allRows);
      ledgerChunks = load.chunks;
    }
    if (variant === 'before')
      return { variant, ledgerChunks, signInChunks: signIn.chunks, interactiveMs, allRowsMs };
    const reportMs: number[] = [];
    let reportChunks: Chunk[] = [];
    for (let i = 0; i < options.samples; i++) {
      const load = await coldLoadReport(browser, appUrl(server, '/report'));
      reportMs.push(load.interactive);
      reportChunks = load.chunks;
    }
    const report = { chunks: reportChunks, interactiveMs: reportMs };
    return { variant, ledgerChunks, signInChunks: signIn.chunks, interactiveMs, allRowsMs, report };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function runClientSize(options: ClientSizeOptions): Promise<ClientSizeResult> {
  console.log('client-size: building this checkout’s client…');
  execFileSync('corepack', ['pnpm', 'run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const afterDir = path.join(ROOT, 'client', 'dist');
  console.log(`client-size: the client of ${options.beforeRef}…`);
  const beforeDir = options.beforeDir ?? buildClientAt(options.beforeRef);
  const dataDir = tempDataDir('civic-ledger-bench-size-');
  try {
    const room = await seed(dataDir);
    const variants: VariantResult[] = [];
    for (const [variant, dir] of [
      ['before', beforeDir],
      ['after', afterDir],
    ] as const) {
      console.log(`client-size: ${variant}…`);
      variants.push(await measureVariant(variant, dir, dataDir, room, options));
    }
    return { options, variants };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!options.beforeDir) fs.rmSync(beforeDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => fmt(bytes / 1000, 1);
const total = (chunks: readonly Chunk[], key: 'bytes' | 'gzipBytes') =>
  chunks.reduce((s, c) => s + c[key], 0);

/** The report page beside the ledger page (this checkout), with its chunks. */
function reportLines(after: VariantResult): string[] {
  const report = after.report;
  if (!report) return [];
  const both = (chunks: readonly Chunk[]) =>
    `${kb(total(chunks, 'bytes'))} | ${kb(total(chunks, 'gzipBytes'))}`;
  return [
    'The phone report page (`/report`, this checkout) beside the ledger page: a cold load on a phone',
    `profile (390×844, touch, ${CPU_SLOWDOWN}× CPU, Chrome's Slow 3G: 400 ms round trips, 50 kB/s); interactive is the`,
    `send button and the site list on screen (median of ${report.interactiveMs.length}).`,
    '',
    '| page | scripts | JavaScript kB | kB gzip | interactive |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| report, phone profile | ${report.chunks.length} | ${both(report.chunks)} | ${fmt(median(report.interactiveMs), 0)} ms |`,
    `| ledger, ${ROWS.toLocaleString('en')} rows, ${CPU_SLOWDOWN}× CPU (no network throttling) | ${after.ledgerChunks.length} | ${both(after.ledgerChunks)} | ${fmt(median(after.interactiveMs), 0)} ms |`,
    '',
    'Chunks the report page loads:',
    '',
    '| chunk | kB | kB gzip |',
    '| --- | ---: | ---: |',
    ...[...report.chunks]
      .sort((a, b) => b.bytes - a.bytes)
      .map((c) => `| \`${path.basename(c.name)}\` | ${kb(c.bytes)} | ${kb(c.gzipBytes)} |`),
    '',
  ];
}

export function clientSizeMarkdown(result: ClientSizeResult): string {
  const machine = machineInfo();
  const [before, after] = result.variants;
  if (!before || !after) return '';
  const row = (what: string, pick: (v: VariantResult) => string) =>
    `| ${what} | ${pick(before)} | ${pick(after)} |`;
  const share = (key: 'bytes' | 'gzipBytes') =>
    fmt((100 * total(after.ledgerChunks, key)) / total(before.ledgerChunks, key), 0);
  const lines = [
    '<!-- client-size:start -->',
    '## Client size and time to interactive (tests/bench/client-size.ts)',
    '',
    `Debian's Chromium (headless) on ${machine.cpus} cores (${machine.cpuModel}), ${machine.date.slice(0, 10)}, with the CPU`,
    `slowed ${CPU_SLOWDOWN}× (\`Emulation.setCPUThrottlingRate\`). Before: the client built from ${result.options.beforeRef} (one chunk,`,
    'every AG Grid community module); after: this checkout. Each served by the real server',
    `(\`CLIENT_DIR\`) with one ledger room of ${ROWS.toLocaleString('en')} rows and the demo registries. A cold load is a new`,
    'browser profile; the scripts are those the page fetched until the network was idle, gzip',
    `at level 9. Interactive: the first row on screen; all rows: the status bar counts every row (median of ${result.options.samples}).`,
    '',
    '| | before | after |',
    '| --- | ---: | ---: |',
    row('ledger page: scripts', (v) => String(v.ledgerChunks.length)),
    row('ledger page: JavaScript kB', (v) => kb(total(v.ledgerChunks, 'bytes'))),
    row('ledger page: JavaScript kB gzip', (v) => kb(total(v.ledgerChunks, 'gzipBytes'))),
    row(
      'sign-in page: JavaScript kB (gzip)',
      (v) => `${kb(total(v.signInChunks, 'bytes'))} (${kb(total(v.signInChunks, 'gzipBytes'))})`,
    ),
    row(
      `ledger, ${ROWS.toLocaleString('en')} rows, ${CPU_SLOWDOWN}× CPU: interactive`,
      (v) => `${fmt(median(v.interactiveMs), 0)} ms`,
    ),
    row(
      `ledger, ${ROWS.toLocaleString('en')} rows, ${CPU_SLOWDOWN}× CPU: all rows`,
      (v) => `${fmt(median(v.allRowsMs), 0)} ms`,
    ),
    '',
    `The ledger page's first load after is ${share('bytes')} % of before (${share('gzipBytes')} % gzip).`,
    '',
    ...reportLines(after),
    'Chunks the ledger page loads, after:',
    '',
    '| chunk | kB | kB gzip |',
    '| --- | ---: | ---: |',
    ...[...after.ledgerChunks]
      .sort((a, b) => b.bytes - a.bytes)
      .map((c) => `| \`${path.basename(c.name)}\` | ${kb(c.bytes)} | ${kb(c.gzipBytes)} |`),
    '<!-- client-size:end -->',
  ];
  return lines.join('\n');
}

/** Replaces (or appends) the client-size section of `file`, leaving every other section alone. */
export function writeClientSizeSection(file: string, text: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const marked = /<!-- client-size:start -->[\s\S]*<!-- client-size:end -->/;
  const next = marked.test(current)
    ? current.replace(marked, () => text)
    : `${current.trimEnd()}\n\n${text}\n`;
  fs.writeFileSync(file, next);
}

function parseArgs(argv: readonly string[]): ClientSizeOptions {
  let options = argv.includes('--quick') ? QUICK_CLIENT_SIZE : DEFAULT_CLIENT_SIZE;
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  const ref = value('--before-ref');
  const dir = value('--before-dir');
  if (ref) options = { ...options, beforeRef: ref };
  if (dir) options = { ...options, beforeDir: path.resolve(dir) };
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const options = parseArgs(process.argv.slice(2));
  const result = await runClientSize(options);
  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'client-size.json'), `${JSON.stringify(result, null, 1)}\n`);
  const text = clientSizeMarkdown(result);
  if (options.samples === QUICK_CLIENT_SIZE.samples && process.argv.includes('--quick'))
    fs.writeFileSync(path.join(outDir, 'client-size.quick.md'), `${text}\n`);
  else writeClientSizeSection(path.join(ROOT, 'BENCHMARKS.md'), text);
  console.log(text);
}
