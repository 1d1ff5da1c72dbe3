// Snapshots over a scripted history: each keeps the rooms as they were (served read-only
// as a Yjs update), and the diff of two of them, or of one and now, lists what was found,
// written off, recurred, deleted and edited, with the totals of each side.
import { type RowValues, readRows } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TestClient } from '../support/clients.ts';
import { type District, patchRow, rowsOf, startDistrict, writeRows } from '../support/district.ts';

let d: District;
let taoyuan: TestClient;
let hongqiao: TestClient;
let member: TestClient;
const ids: Record<string, string> = {};
let first: { id: string };
let second: { id: string };
let atFirst: RowValues[];

function issue(d: District, committeeId: string, description: string, extra: Record<string, unknown> = {}) {
  return {
    committeeId,
    siteId: committeeId === 'taoyuan' ? d.sites.get('桃园菜场') : d.sites.get('虹桥路口'),
    category: 'street_rubbish',
    description,
    source: 'office',
    foundAt: '2026-11-20T09:30:00+08:00',
    deadline: '2026-11-21',
    ...extra,
  };
}

async function snapshot(label: string, kind?: string): Promise<{ id: string }> {
  const res = await d.api('/api/snapshots', 'r-staff', {
    method: 'POST',
    body: JSON.stringify({ label, kind }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { snapshot: { id: string } }).snapshot;
}

interface DiffBody {
  summary: Record<string, number>;
  tables: Record<
    string,
    Record<
      'added' | 'removed' | 'closed' | 'reopened' | 'changed',
      { id: string; changes?: { key: string }[] }[]
    >
  >;
  totals: {
    from: { found: { count: number }; byStatus: Record<string, { ids: string[] }> };
    to: { found: { count: number }; byStatus: Record<string, { ids: string[] }> };
  };
  from: { snapshot: { id: string } | null };
  to: { snapshot: { id: string } | null };
}

async function diff(query: string, user: Parameters<District['api']>[1] = 'r-manager'): Promise<DiffBody> {
  const res = await d.api(`/api/snapshots/diff?${query}`, user);
  expect(res.status).toBe(200);
  return (await res.json()) as DiffBody;
}

const named = (list: { id: string }[] | undefined) =>
  (list ?? []).map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]).sort();

beforeAll(async () => {
  d = await startDistrict();
  taoyuan = await d.open('ledger.taoyuan', 'r-staff');
  hongqiao = await d.open('ledger.hongqiao', 'r-staff');
  member = await d.open('ledger.taoyuan', 'r-taoyuan');
  const rows = await writeRows(taoyuan, [
    issue(d, 'taoyuan', 'A 楼道堆物'),
    issue(d, 'taoyuan', 'B 已整改待核查', { status: 'rectified' }),
    issue(d, 'taoyuan', 'C 已销账', { status: 'closed', closedAt: '2026-11-21T10:00:00+08:00' }),
    issue(d, 'taoyuan', 'D 将被删除'),
  ]);
  const [e] = await writeRows(hongqiao, [issue(d, 'hongqiao', 'E 虹桥')]);
  for (const [i, name] of ['A', 'B', 'C', 'D'].entries()) ids[name] = String(rows[i]?.id);
  ids.E = String(e?.id);
  atFirst = [...rowsOf(taoyuan), ...rowsOf(hongqiao)];
  first = await snapshot('第一次');

  // Between the snapshots: a committee edits and adds, the office writes off, reopens, deletes.
  await patchRow(member, ids.A as string, { description: 'A 楼道堆物（已通知住户）' });
  const [f] = await writeRows(member, [issue(d, 'taoyuan', 'F 新发现')]);
  ids.F = String(f?.id);
  await patchRow(taoyuan, ids.B as string, { status: 'closed', closedAt: '2026-11-23T16:00:00+08:00' });
  await patchRow(taoyuan, ids.C as string, { status: 'reopened', recurrences: 1, closedAt: null });
  taoyuan.doc.getMap('rows').delete(ids.D as string);
  await taoyuan.confirm();
  await patchRow(hongqiao, ids.E as string, { status: 'in_progress' });
  second = await snapshot('第二次', 'bulletin');
}, 120_000);
afterAll(async () => {
  await d?.close();
});

describe('snapshots', () => {
  it('are listed newest first with their labels, and open read-only as the rooms were', async () => {
    const list = (await (await d.api('/api/snapshots', 'r-taoyuan')).json()) as {
      snapshots: { id: string; label: string; kind: string; createdBy: string; roomCount: number }[];
      schedule: { times: string[]; next: string | null };
    };
    expect(list.snapshots.map((s) => [s.label, s.kind, s.createdBy])).toEqual([
      ['第二次', 'bulletin', 'r-staff'],
      ['第一次', 'manual', 'r-staff'],
    ]);
    expect(list.snapshots[0]?.roomCount).toBe(5);
    expect(list.schedule).toEqual({ times: [], next: null });
    const res = await d.api(`/api/snapshots/${first.id}/rooms/ledger.taoyuan`, 'r-taoyuan');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    expect(readRows(doc)).toEqual(atFirst.filter((r) => r.committeeId === 'taoyuan'));
    const sv = Buffer.from(res.headers.get('x-state-vector') ?? '', 'base64');
    expect(new Uint8Array(sv)).toEqual(Y.encodeStateVector(doc));
    const info = (await (await d.api(`/api/snapshots/${first.id}`, 'r-taoyuan')).json()) as {
      rooms: string[];
    };
    expect(info.rooms).toEqual(['committees', 'ledger.taoyuan', 'people', 'sites']);
  });

  it('the diff of two snapshots lists found, written off, recurred, deleted and edited issues', async () => {
    const body = await diff(`from=${first.id}&to=${second.id}`);
    const ledger = body.tables.ledger;
    expect(named(ledger?.added)).toEqual(['F']);
    expect(named(ledger?.removed)).toEqual(['D']);
    expect(named(ledger?.closed)).toEqual(['B']);
    expect(named(ledger?.reopened)).toEqual(['C']);
    expect(named(ledger?.changed)).toEqual(['A', 'B', 'C', 'E']);
    const changedA = ledger?.changed.find((r) => r.id === ids.A);
    expect(changedA?.changes?.map((c) => c.key)).toEqual(['description']);
    expect(body.summary).toMatchObject({ found: 1, closed: 1, reopened: 1, removed: 1, changed: 4 });
    expect(body.totals.from.found.count).toBe(5);
    expect(body.totals.to.found.count).toBe(5);
    expect(body.totals.from.byStatus.closed?.ids).toEqual([ids.C]);
    expect(body.totals.to.byStatus.closed?.ids).toEqual([ids.B]);
  });

  it('the diff of a snapshot and now includes what happened since', async () => {
    const [g] = await writeRows(hongqiao, [issue(d, 'hongqiao', 'G 刚刚发现<script>alert(1)</script>')]);
    ids.G = String(g?.id);
    const body = await diff(`from=${second.id}&to=now`);
    expect(body.to.snapshot).toBeNull();
    expect(named(body.tables.ledger?.added)).toEqual(['G']);
    expect(body.summary).toMatchObject({ found: 1, closed: 0, reopened: 0, removed: 0, changed: 0 });
    const latest = await diff('');
    expect(latest.from.snapshot?.id).toBe(second.id);
  });

  it('a member sees the diff of their own committee only, and is refused another', async () => {
    const own = await diff(`from=${first.id}&to=${second.id}`, 'r-taoyuan');
    expect(named(own.tables.ledger?.changed)).toEqual(['A', 'B', 'C']);
    const other = await d.api(`/api/snapshots/diff?from=${first.id}&committee=hongqiao`, 'r-taoyuan');
    expect(other.status).toBe(403);
  });

  it('the weekly bulletin compares with the last bulletin and lists overdue and recurred issues', async () => {
    const third = await snapshot('第三次', 'bulletin');
    const res = await d.api(`/api/bulletin?snapshot=${third.id}&format=json`, 'r-manager');
    expect(res.status).toBe(200);
    const { bulletin, since } = (await res.json()) as {
      since: { id: string } | null;
      bulletin: {
        overdue: { id: string; daysOverdue: number }[];
        recurred: { id: string; recurrences: number }[];
        ranking: { committee: string; found: number }[];
        change: { summary: { found: number } } | null;
      };
    };
    expect(since?.id).toBe(second.id);
    expect(bulletin.change?.summary.found).toBe(1);
    expect(named(bulletin.overdue)).toEqual(['A', 'C', 'E', 'F', 'G']);
    expect(bulletin.overdue.every((i) => i.daysOverdue > 0)).toBe(true);
    expect(named(bulletin.recurred)).toEqual(['C']);
    expect(bulletin.ranking.map((s) => s.committee).sort()).toEqual(['桃园居委', '虹桥居委']);
    const html = await d.api(`/api/bulletin?snapshot=${third.id}`, 'r-manager');
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('创全工作每周通报');
    expect(page).toContain('自上期通报（第二次');
    expect(page).toContain('A 楼道堆物（已通知住户）');
    expect(page).toContain('G 刚刚发现&lt;script&gt;');
    expect(page).not.toContain('<script>');
  });
});
