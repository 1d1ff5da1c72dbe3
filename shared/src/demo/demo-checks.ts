// The demo district's check round: this week's mutual check (咬尾巴互查) of every committee,
// with the shipped checklists and the checks done so far (some sites found nothing, some
// failed an item, about a third not yet checked), so the round's figures show at once.
import { DEFAULT_CHECKLISTS } from '../checks/checklists.ts';
import { pairMutualRound } from '../checks/pairing.ts';
import { CHECKLIST_META_PREFIX, ROUND_META_KEY, type RoundMeta } from '../checks/round.ts';
import type { Prng } from '../core/prng.ts';
import { addDays, shanghaiDateTime } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import { at, compactRow, type DemoRegistry, demoId } from './demo-registry.ts';

export interface DemoRound {
  readonly roundId: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly rows: readonly RowValues[];
}

export function generateCheckRound(prng: Prng, registry: DemoRegistry, today: string): DemoRound {
  const committees = registry.committees.map((c) => c.id);
  const paired = pairMutualRound(committees);
  if (!paired.ok) throw new Error(paired.error.message.en);
  const startsOn = addDays(today, -2);
  const round: RoundMeta = {
    name: '本周咬尾巴互查',
    kind: 'mutual',
    startsOn,
    endsOn: addDays(today, 4),
    committees,
    pairs: paired.value.pairs,
  };
  const meta: Record<string, unknown> = { [ROUND_META_KEY]: round };
  for (const [kind, list] of Object.entries(DEFAULT_CHECKLISTS))
    meta[`${CHECKLIST_META_PREFIX}${kind}`] = list;
  const rows: RowValues[] = [];
  for (const { checker, checked } of paired.value.pairs) {
    const inspected = registry.committees.find((c) => c.id === checked);
    const person = registry.committees.find((c) => c.id === checker)?.secretary.id;
    for (const site of inspected?.sites ?? []) {
      const list = DEFAULT_CHECKLISTS[site.kind];
      if (!list || prng.chance(0.35)) continue;
      const day = addDays(startsOn, prng.int(0, 2));
      const time = `${String(prng.int(9, 16)).padStart(2, '0')}:${prng.pick(['00', '15', '30', '45'])}`;
      const results = list.map(
        (item) =>
          `${item.id}=${prng.weighted([
            ['pass', 8],
            ['fail', 1],
            ['na', 1],
          ] as const)}`,
      );
      const failed = results.filter((r) => r.endsWith('=fail')).length;
      rows.push(
        compactRow({
          id: demoId(prng, at(day, time)),
          checker,
          inspected: checked,
          siteId: site.id,
          siteKind: site.kind,
          checkedAt: shanghaiDateTime(day, time),
          checkedBy: person,
          results: results.join(';'),
          issuesFound: failed,
        }),
      );
    }
  }
  return { roundId: `demo-${startsOn}`, meta, rows };
}
