// Who may take, open, compare, export and import what: the shared `can` decides, so a
// member gets their own committee and nothing of another, a manager reads everything
// and writes nothing, and no request without a valid token gets anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type District, startDistrict, type Username, writeRows } from '../support/district.ts';

let d: District;
let snapshotId: string;

beforeAll(async () => {
  d = await startDistrict();
  for (const committeeId of ['taoyuan', 'hongqiao']) {
    const ledger = await d.open(`ledger.${committeeId}`, 'r-staff');
    await writeRows(ledger, [
      {
        committeeId,
        siteId: committeeId === 'taoyuan' ? d.sites.get('桃园菜场') : d.sites.get('虹桥路口'),
        category: 'street_rubbish',
        description: `${committeeId} 的问题`,
        source: 'office',
        foundAt: '2026-11-20T09:30:00+08:00',
      },
    ]);
  }
  const res = await d.api('/api/snapshots', 'r-staff', { method: 'POST' });
  snapshotId = ((await res.json()) as { snapshot: { id: string } }).snapshot.id;
}, 120_000);
afterAll(async () => {
  await d?.close();
});

async function status(path: string, user: Username | null, init?: RequestInit): Promise<number> {
  const res = await d.api(path, user, init);
  await res.arrayBuffer();
  return res.status;
}

function csvImport(): FormData {
  const form = new FormData();
  form.set('file', new Blob(['点位,问题类别\r\n桃园菜场,沿街垃圾\r\n']), 'x.csv');
  return form;
}

describe('report permissions', () => {
  it('nothing is given without a valid token', async () => {
    for (const path of [
      '/api/snapshots',
      '/api/export/xlsx',
      '/api/export/csv',
      '/api/bulletin',
      '/api/snapshots/diff',
    ]) {
      expect(await status(path, null)).toBe(401);
    }
    expect(await status('/api/export/xlsx?token=not-a-token', null)).toBe(401);
    expect(await status('/api/import/preview?room=ledger.taoyuan', null, { method: 'POST', body: 'a' })).toBe(
      401,
    );
  });

  it("a member of another committee is refused a committee's export, diff, bulletin and snapshot room", async () => {
    expect(await status('/api/export/xlsx?committee=taoyuan', 'r-hongqiao')).toBe(403);
    expect(await status('/api/export/csv?committee=taoyuan&table=ledger', 'r-hongqiao')).toBe(403);
    expect(await status(`/api/export/xlsx?committee=taoyuan&snapshot=${snapshotId}`, 'r-hongqiao')).toBe(403);
    expect(await status(`/api/snapshots/diff?from=${snapshotId}&committee=taoyuan`, 'r-hongqiao')).toBe(403);
    expect(await status('/api/bulletin?committee=taoyuan', 'r-hongqiao')).toBe(403);
    expect(await status(`/api/snapshots/${snapshotId}/rooms/ledger.taoyuan`, 'r-hongqiao')).toBe(403);
    const form = csvImport();
    form.set('room', 'ledger.taoyuan');
    expect(await status('/api/import/preview', 'r-hongqiao', { method: 'POST', body: form })).toBe(403);
  });

  it('a member gets their own committee when asking for none', async () => {
    const res = await d.api('/api/export/csv?table=ledger', 'r-hongqiao');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('hongqiao 的问题');
    expect(text).not.toContain('taoyuan 的问题');
    expect(await status(`/api/snapshots/${snapshotId}/rooms/ledger.hongqiao`, 'r-hongqiao')).toBe(200);
    expect(await status('/api/bulletin', 'r-hongqiao')).toBe(200);
  });

  it('only district-wide roles take snapshots, and only the office deletes them', async () => {
    expect(await status('/api/snapshots', 'r-taoyuan', { method: 'POST' })).toBe(403);
    expect(
      await status('/api/snapshots', 'r-manager', { method: 'POST', body: '{"label":"领导查看"}' }),
    ).toBe(201);
    expect(await status(`/api/snapshots/${snapshotId}`, 'r-manager', { method: 'DELETE' })).toBe(403);
    expect(await status('/api/snapshots', 'r-staff', { method: 'POST', body: '{"kind":"weekly"}' })).toBe(
      400,
    );
  });

  it('a manager exports the whole district but may not import', async () => {
    expect(await status('/api/export/xlsx', 'r-manager')).toBe(200);
    const form = csvImport();
    form.set('room', 'ledger.taoyuan');
    expect(await status('/api/import/preview', 'r-manager', { method: 'POST', body: form })).toBe(403);
    const sites = csvImport();
    sites.set('room', 'sites');
    expect(await status('/api/import/preview', 'r-taoyuan', { method: 'POST', body: sites })).toBe(403);
    expect(await status('/api/import/preview', 'r-staff', { method: 'POST', body: sites })).toBe(200);
  });

  it('the office deletes a snapshot, after which it is gone', async () => {
    expect(await status(`/api/snapshots/${snapshotId}`, 'r-staff', { method: 'DELETE' })).toBe(200);
    expect(await status(`/api/snapshots/${snapshotId}`, 'r-staff')).toBe(404);
    expect(await status(`/api/export/xlsx?snapshot=${snapshotId}`, 'r-staff')).toBe(404);
  });
});
