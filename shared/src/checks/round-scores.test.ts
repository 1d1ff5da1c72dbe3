// Pins a round's figures: coverage (sites checked out of sites due, "nothing found"
// included), the unchecked sites, and per committee the items and score with their rows.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../core/prng.ts';
import type { RowValues } from '../schema/fields.ts';
import { type ChecklistItem, COMPOUND_CHECKLIST, STREET_CHECKLIST } from './checklists.ts';
import { pairMutualRound } from './pairing.ts';
import type { RoundMeta } from './round.ts';
import { type RoundSite, scoreRound } from './round-scores.ts';

const checklists = new Map<string, readonly ChecklistItem[]>([
  ['residential_compound', COMPOUND_CHECKLIST],
  ['main_street', STREET_CHECKLIST],
]);

function mutualRound(committees: string[]): RoundMeta {
  const paired = pairMutualRound(committees);
  if (!paired.ok) throw new Error('pairing');
  return {
    name: '互查',
    kind: 'mutual',
    startsOn: '2026-12-01',
    endsOn: '2026-12-07',
    committees,
    pairs: paired.value.pairs,
  };
}

describe('scoreRound', () => {
  const round = mutualRound(['c01', 'c02', 'c03']);
  const sites: RoundSite[] = [
    { id: 's-c02-a', committeeId: 'c02', kind: 'residential_compound' },
    { id: 's-c02-b', committeeId: 'c02', kind: 'main_street' },
    { id: 's-c02-m', committeeId: 'c02', kind: 'market' },
    { id: 's-c03-a', committeeId: 'c03', kind: 'residential_compound' },
  ];
  const rows: [string, RowValues][] = [
    [
      'r1',
      {
        inspected: 'c02',
        siteId: 's-c02-a',
        siteKind: 'residential_compound',
        results: 'no-stairwell-clutter=fail;fire-lanes=pass;civil-dogs=na',
        issuesFound: 1,
      },
    ],
    [
      'r2',
      {
        inspected: 'c02',
        siteId: 's-c02-b',
        siteKind: 'main_street',
        results: 'street-clean=pass',
        issuesFound: 0,
      },
    ],
  ];

  it('counts "checked, nothing found" towards coverage and lists the unchecked sites', () => {
    const scores = scoreRound(round, checklists, rows, sites);
    // The market has no checklist in this round, so it is not due.
    expect(scores.sitesDue).toBe(3);
    expect(scores.sitesChecked).toBe(2);
    expect(scores.coverage).toBe(66.7);
    expect(scores.unchecked.map((s) => s.id)).toEqual(['s-c03-a']);
  });

  it('scores each inspected committee with the rows behind every figure', () => {
    const c02 = scoreRound(round, checklists, rows, sites).committees.find((c) => c.committeeId === 'c02');
    expect(c02).toMatchObject({
      checker: 'c01',
      passed: 2,
      failed: 1,
      notApplicable: 1,
      score: 66.7,
      issuesFound: 1,
      rowIds: ['r1', 'r2'],
      failedRowIds: ['r1'],
      sitesUnchecked: [],
    });
    const c01 = scoreRound(round, checklists, rows, sites).committees.find((c) => c.committeeId === 'c01');
    expect(c01?.score).toBeNull();
    expect(c01?.sitesDue).toEqual([]);
  });

  it('keeps its sums for random rounds, sites and checks', () => {
    const seed = Number(process.env.SCORES_SEED ?? 1203);
    const prng = createPrng(seed);
    const kinds = ['residential_compound', 'main_street', 'market'];
    for (let run = 0; run < 200; run++) {
      const committees = Array.from({ length: prng.int(2, 8) }, (_, i) => `c${i}`);
      const r = mutualRound(committees);
      const siteList: RoundSite[] = Array.from({ length: prng.int(0, 30) }, (_, i) => ({
        id: `s${i}`,
        committeeId: prng.pick([...committees, 'outside']),
        kind: prng.pick(kinds),
      }));
      const rowList: [string, RowValues][] = Array.from({ length: prng.int(0, 40) }, (_, i) => {
        const site = siteList.length > 0 && prng.chance(0.9) ? prng.pick(siteList) : null;
        const list = checklists.get(site?.kind ?? '') ?? COMPOUND_CHECKLIST;
        const results = list
          .filter(() => prng.chance(0.5))
          .map((item) => `${item.id}=${prng.pick(['pass', 'fail', 'na'])}`)
          .join(';');
        return [
          `row${i}`,
          {
            inspected: site?.committeeId ?? prng.pick(committees),
            siteId: site?.id ?? 'nowhere',
            siteKind: site?.kind ?? 'residential_compound',
            results,
            issuesFound: prng.int(0, 3),
          },
        ];
      });
      const scores = scoreRound(r, checklists, rowList, siteList);
      const context = `seed ${seed}, run ${run}`;
      const counted = scores.committees.flatMap((c) => c.rowIds);
      expect(new Set(counted).size, context).toBe(counted.length);
      const expected = rowList
        .filter(([, row]) => committees.includes(String(row.inspected)))
        .map(([id]) => id);
      expect([...counted].sort(), context).toEqual([...expected].sort());
      for (const c of scores.committees) {
        expect(c.sitesChecked.length + c.sitesUnchecked.length, context).toBe(c.sitesDue.length);
        if (c.score !== null) expect(c.score >= 0 && c.score <= 100, context).toBe(true);
        for (const id of c.failedRowIds) expect(c.rowIds, context).toContain(id);
        const issues = rowList
          .filter(([id]) => c.rowIds.includes(id))
          .reduce((n, [, row]) => n + Number(row.issuesFound), 0);
        expect(c.issuesFound, context).toBe(issues);
      }
      expect(scores.sitesChecked + scores.unchecked.length, context).toBe(scores.sitesDue);
    }
  });
});
