// Pins the demo district's check round: set up as the office would, every check one its
// checker's member could record, and figures that show both checked and unchecked sites.
import { describe, expect, it } from 'vitest';
import { readRoundDocument } from '../checks/round.ts';
import { scoreRound } from '../checks/round-scores.ts';
import { changedFields, checkChanges } from '../rules/change-rules.ts';
import { checksSchema } from '../schema/checks-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import { generateDemoDistrict } from './demo.ts';

const today = '2026-12-03';
const district = generateDemoDistrict({ seed: 20261124, today });
const roundRoom = district.rooms.find((r) => r.table === 'checks');

describe('the demo check round', () => {
  it("is this week's mutual check of every committee, with the shipped checklists", () => {
    expect(roundRoom?.room).toBe('checks.demo-2026-12-01');
    const doc = readRoundDocument(Object.entries(roundRoom?.meta ?? {}));
    expect(doc.round?.kind).toBe('mutual');
    expect(doc.round?.committees).toHaveLength(16);
    expect(doc.checklists.get('residential_compound')).toHaveLength(15);
    const parsed = parseRoomName(roundRoom?.room ?? '');
    if (!parsed.ok) throw new Error('room');
    const office = { role: 'staff', committeeId: null } as const;
    const meta = Object.entries(roundRoom?.meta ?? {}).map(([key, after]) => ({ key, after }));
    expect(
      checkChanges({ schema: checksSchema, principal: office, room: parsed.value }, [], meta),
    ).toBeNull();
  });

  it("holds only checks its checker's members could record, and leaves sites unchecked", () => {
    const doc = readRoundDocument(Object.entries(roundRoom?.meta ?? {}));
    const parsed = parseRoomName(roundRoom?.room ?? '');
    if (!parsed.ok || !doc.round) throw new Error('round');
    for (const row of roundRoom?.rows ?? []) {
      const principal = { role: 'member', committeeId: String(row.checker) } as const;
      const ctx = { schema: checksSchema, principal, room: parsed.value, round: doc, today };
      const change = { rowId: String(row.id), before: null, after: row, fields: changedFields(null, row) };
      expect(checkChanges(ctx, [change], [])).toBeNull();
    }
    const sites = district.rooms.find((r) => r.table === 'sites')?.rows ?? [];
    const scores = scoreRound(
      doc.round,
      doc.checklists,
      (roundRoom?.rows ?? []).map((r) => [String(r.id), r] as const),
      sites.map((s) => ({ id: String(s.id), committeeId: String(s.committeeId), kind: String(s.kind) })),
    );
    expect(scores.sitesChecked).toBeGreaterThan(0);
    expect(scores.unchecked.length).toBeGreaterThan(0);
  });
});
