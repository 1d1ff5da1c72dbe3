import { describe, expect, it } from 'vitest';
import { addDays, parseIsoDateTime, shanghaiDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import { validateRow } from '../schema/fields.ts';
import { ISSUE_CATEGORIES, ISSUE_SOURCES, LEDGER_STATUSES } from '../schema/ledger-schema.ts';
import { schemaForTable } from '../schema/schema.ts';
import { SITE_KINDS } from '../schema/sites-schema.ts';
import type { TableName } from '../schema/table-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import { buildRoomDoc, readRows } from '../sync/table.ts';
import { generateDemoDistrict } from './demo.ts';
import { ROSTER_SLOTS } from './demo-roster.ts';

const today = '2026-03-02';
const district = generateDemoDistrict({ seed: 20260302, today });
const rowsOf = (table: TableName): RowValues[] =>
  district.rooms.filter((r) => r.table === table).flatMap((r) => [...r.rows]);
const ledger = rowsOf('ledger');
const roster = rowsOf('roster');
const sites = rowsOf('sites');
const people = rowsOf('people');
const committees = rowsOf('committees');
const ms = (value: unknown): number => parseIsoDateTime(String(value)) ?? Number.NaN;

describe('the demo district', () => {
  it('is the same for the same seed and date, and different for another seed', () => {
    expect(generateDemoDistrict({ seed: 20260302, today })).toEqual(district);
    expect(generateDemoDistrict({ seed: 7, today })).not.toEqual(district);
  });

  it('has only rows that pass validateRow for their table', () => {
    for (const { room, table, rows } of district.rooms) {
      for (const row of rows) {
        const result = validateRow(schemaForTable(table), row);
        expect(result.ok ? 'valid' : `${room}: ${result.error.message.en}`).toBe('valid');
      }
    }
  });

  it('uses the contract room names: three district rooms and a ledger and roster per committee', () => {
    const names = district.rooms.map((r) => r.room);
    expect(new Set(names).size).toBe(names.length);
    for (const { room, table } of district.rooms) {
      const parsed = parseRoomName(room);
      expect(parsed.ok && parsed.value.table).toBe(table);
      if (parsed.ok && parsed.value.committeeId) {
        const rows = district.rooms.find((r) => r.room === room)?.rows ?? [];
        expect(rows.every((row) => row.committeeId === parsed.value.committeeId)).toBe(true);
      }
    }
    expect(names.filter((n) => n.startsWith('ledger.'))).toHaveLength(16);
    expect(names.filter((n) => n.startsWith('roster.'))).toHaveLength(16);
  });

  it('has 16 committees, 68 sites of every kind and a few hundred people', () => {
    expect(committees).toHaveLength(16);
    expect(committees.map((c) => c.id)).toContain('taoyuan');
    expect(sites).toHaveLength(68);
    expect(new Set(sites.map((s) => s.kind))).toEqual(new Set(SITE_KINDS.map((k) => k.value)));
    for (const c of committees) expect(sites.some((s) => s.committeeId === c.id)).toBe(true);
    expect(people.length).toBeGreaterThanOrEqual(300);
    expect(people.length).toBeLessThanOrEqual(500);
  });

  it('refers only to people, sites and committees that exist', () => {
    const personIds = new Set(people.map((p) => p.id));
    const siteCommittee = new Map(sites.map((s) => [s.id, s.committeeId]));
    for (const c of committees) {
      expect(personIds.has(c.secretary as string)).toBe(true);
      expect(personIds.has(c.director as string)).toBe(true);
    }
    for (const row of [...ledger, ...roster]) {
      expect(siteCommittee.get(row.siteId as string)).toBe(row.committeeId);
      for (const key of ['foundBy', 'assignee', 'verifiedBy', 'createdBy', 'person']) {
        if (row[key] !== undefined) expect(personIds.has(row[key] as string)).toBe(true);
      }
    }
  });
});

describe('the demo ledger', () => {
  it('holds 300–400 issues across every status, category and source, for any seed', () => {
    for (const seed of [1, 2, 3, 20260302]) {
      const n = generateDemoDistrict({ seed, today })
        .rooms.filter((r) => r.table === 'ledger')
        .flatMap((r) => r.rows).length;
      expect(n).toBeGreaterThanOrEqual(300);
      expect(n).toBeLessThanOrEqual(400);
    }
    expect(new Set(ledger.map((r) => r.status))).toEqual(new Set(LEDGER_STATUSES.map((s) => s.value)));
    expect(new Set(ledger.map((r) => r.category))).toEqual(new Set(ISSUE_CATEGORIES.map((s) => s.value)));
    expect(new Set(ledger.map((r) => r.source))).toEqual(new Set(ISSUE_SOURCES.map((s) => s.value)));
  });

  it('finds issues within the last six weeks and never after today', () => {
    for (const row of ledger) {
      const found = shanghaiDate(String(row.foundAt)) ?? '';
      expect(found >= addDays(today, -42) && found <= today).toBe(true);
      expect(String(row.deadline) >= found).toBe(true);
      for (const key of ['rectifiedAt', 'closedAt', 'updatedAt', 'createdAt']) {
        if (row[key] !== undefined) expect((shanghaiDate(String(row[key])) ?? '') <= today).toBe(true);
      }
    }
  });

  it('fills the fields each status implies, in time order', () => {
    for (const row of ledger) {
      const { status } = row;
      const has = (key: string) => row[key] !== undefined;
      expect(has('rectifiedAt')).toBe(status === 'rectified' || status === 'closed');
      expect(has('closedAt')).toBe(status === 'closed');
      expect(has('verifiedBy')).toBe(status === 'closed');
      expect(has('rectification')).toBe(status !== 'open');
      // The evidence rules: a rectification note that says something.
      if (status !== 'open') expect(String(row.rectification).trim()).not.toBe('');
      if (status === 'reopened') {
        expect(row.recurrences).toBeGreaterThanOrEqual(1);
        expect(has('recheckAt')).toBe(true);
      }
      if (has('rectifiedAt')) expect(ms(row.rectifiedAt)).toBeGreaterThan(ms(row.foundAt));
      if (has('closedAt')) expect(ms(row.closedAt)).toBeGreaterThan(ms(row.rectifiedAt));
      expect(ms(row.createdAt)).toBeGreaterThanOrEqual(ms(row.foundAt));
      expect(ms(row.updatedAt)).toBeGreaterThanOrEqual(ms(row.createdAt));
    }
  });

  it('shows some issues fixed late and some overdue, so the rates mean something', () => {
    const late = ledger.filter(
      (r) => r.rectifiedAt && (shanghaiDate(String(r.rectifiedAt)) ?? '') > String(r.deadline),
    );
    const overdue = ledger.filter(
      (r) => (r.status === 'open' || r.status === 'in_progress') && String(r.deadline) < today,
    );
    expect(late.length).toBeGreaterThan(0);
    expect(overdue.length).toBeGreaterThan(0);
  });
});

describe('the demo rosters', () => {
  const week = Array.from({ length: 7 }, (_, i) => addDays(today, i - 2));

  it('cover a week of every site in the three daily slots, with a few gaps', () => {
    expect(new Set(roster.map((r) => r.date))).toEqual(new Set(week));
    let gaps = 0;
    for (const site of sites) {
      for (const date of week) {
        for (const [start, end] of ROSTER_SLOTS) {
          const covered = roster.some(
            (r) =>
              r.siteId === site.id &&
              r.date === date &&
              r.start === start &&
              r.end === end &&
              r.role === 'volunteer',
          );
          if (!covered) gaps++;
        }
      }
    }
    const slots = sites.length * week.length * ROSTER_SLOTS.length;
    expect(gaps).toBeGreaterThan(0);
    expect(gaps).toBeLessThan(slots * 0.1);
    expect(roster.every((r) => String(r.start) < String(r.end))).toBe(true);
  });

  it('books a few people at two sites at once', () => {
    const seen = new Map<string, number>();
    for (const r of roster) {
      const key = `${r.person} ${r.date} ${r.start}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const doubles = [...seen.values()].filter((n) => n > 1).length;
    expect(doubles).toBeGreaterThanOrEqual(1);
    expect(doubles).toBeLessThanOrEqual(10);
  });

  it('records attendance only for slots already past', () => {
    for (const r of roster) {
      if (String(r.date) > today) expect(r.status).toBe('scheduled');
    }
    expect(new Set(roster.map((r) => r.status))).toEqual(
      new Set(['scheduled', 'checked_in', 'absent', 'swapped']),
    );
  });
});

describe('demo rooms as documents', () => {
  it('load into Y.Docs that read back the same rows', () => {
    for (const { table, rows, room } of district.rooms.filter((r) =>
      ['sites', 'ledger.taoyuan', 'roster.taoyuan'].includes(r.room),
    )) {
      const built = buildRoomDoc(table, rows);
      expect(built.ok, room).toBe(true);
      if (!built.ok) continue;
      const byId = (a: RowValues, b: RowValues) => (String(a.id) < String(b.id) ? -1 : 1);
      expect(readRows(built.value)).toEqual([...rows].sort(byId));
    }
  });
});
