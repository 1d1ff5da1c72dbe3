// The weekly bulletin (每周通报) as a printable zh-CN HTML page: one self-contained file
// with print styles (A4 portrait, repeated table headers, fixed column widths so a code, a
// date or a status never breaks across lines), every text escaped.
import { type BulletinIssue, RECURRENCE_LABELS, type WeeklyBulletin } from '@civic-ledger/shared';

const EVER_RECURRED = RECURRENCE_LABELS.ever['zh-CN'];
const NEWLY_RECURRED = RECURRENCE_LABELS.since['zh-CN'];

function esc(text: string | number | null | undefined): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  empty: string,
): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The columns of an issue list on A4 portrait (190 mm between the margins): a class each
 * (codes, dates, statuses and counts never wrap) and a width; the description takes the rest.
 */
const ISSUE_COLUMNS: readonly { readonly header: string; readonly cls: string; readonly mm?: number }[] = [
  { header: '编号', cls: 'code', mm: 19 },
  { header: '居民区', cls: 'name', mm: 18 },
  { header: '点位', cls: 'name', mm: 24 },
  { header: '问题类别', cls: 'name', mm: 18 },
  { header: '问题描述', cls: 'text' },
  { header: '发现日期', cls: 'date', mm: 19 },
  { header: '整改时限', cls: 'date', mm: 19 },
  { header: '状态', cls: 'status', mm: 20 },
];

function issues(list: readonly BulletinIssue[], withOverdue: boolean, empty: string): string {
  if (list.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const columns = [...ISSUE_COLUMNS, { header: withOverdue ? '超期天数' : '回潮次数', cls: 'count', mm: 13 }];
  const cols = columns.map((c) => (c.mm ? `<col style="width:${c.mm}mm">` : '<col>')).join('');
  const head = columns.map((c) => `<th class="${c.cls}">${esc(c.header)}</th>`).join('');
  const body = list
    .map((i) => {
      const cells = [
        i.code,
        i.committee,
        i.site,
        i.category,
        i.description,
        i.foundOn ?? '',
        i.deadline ?? '',
        i.status,
        withOverdue ? (i.daysOverdue ?? '') : i.recurrences,
      ];
      return `<tr>${cells.map((cell, n) => `<td class="${columns[n]?.cls ?? ''}">${esc(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table class="issues"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
  @page { size: A4 portrait; margin: 15mm 10mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
    font-size: 11pt; color: #111; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
  .meta { text-align: center; color: #444; margin-bottom: 12pt; }
  h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 2pt; margin-top: 16pt; }
  table { width: 100%; border-collapse: collapse; margin: 6pt 0; }
  th, td { border: 1px solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .figures td:nth-child(even) { font-weight: bold; text-align: right; }
  .empty { color: #666; }
  .summary { font-size: 12pt; }
  table.issues { table-layout: fixed; font-size: 8.5pt; }
  table.issues th, table.issues td { padding: 1.5pt 3pt; overflow-wrap: anywhere; }
  table.issues td.code, table.issues td.date, table.issues td.status, table.issues td.count {
    white-space: nowrap; overflow-wrap: normal; }
  table.issues .count { text-align: right; }
  @media print { body { max-width: none; } }
`;

/** The bulletin as a complete HTML document. */
export function renderBulletinHtml(b: WeeklyBulletin, scopeName: string): string {
  const t = b.totals;
  const figures: [string, string | number][] = [
    ['问题总数', t.found.count],
    ['已销账', t.byStatus.closed?.count ?? 0],
    ['销账率', pct(t.resolutionRate.rate)],
    ['按期销账率', pct(t.onTimeRate.rate)],
    ['超期未整改', t.overdue.count],
    [EVER_RECURRED, t.recurred.count],
    ['当日发现', t.foundToday.count],
    ['当日销账', t.closedToday.count],
  ];
  const figureRows: (string | number)[][] = [];
  for (let i = 0; i < figures.length; i += 2) {
    figureRows.push([...(figures[i] ?? []), ...(figures[i + 1] ?? [])]);
  }
  const change = b.change;
  const changeHtml = change
    ? `<p class="summary">自上期通报（${esc(change.since.label)}，${esc(when(change.since.at))}）以来：` +
      `新发现问题 <b>${change.summary.found}</b> 个，销账 <b>${change.summary.closed}</b> 个，` +
      `${NEWLY_RECURRED} <b>${change.summary.reopened}</b> 个；销账率由 ${pct(change.resolutionRate.from)} ` +
      `变为 ${pct(change.resolutionRate.to)}。</p>` +
      table(
        ['居民区', '新发现', '销账', NEWLY_RECURRED],
        change.byCommittee.map((c) => [c.committee, c.found, c.closed, c.reopened]),
        '本期无变化。',
      )
    : '<p class="empty">没有上期通报或更早的快照可供对比。</p>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>创全工作每周通报 ${esc(b.at.slice(0, 10))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>创全工作每周通报</h1>
<p class="meta">${esc(scopeName)} · 统计时间 ${esc(when(b.at))} · ${esc(b.label)}</p>
<h2>一、总体情况</h2>
<table class="figures"><tbody>
${figureRows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
<h2>二、本期变化</h2>
${changeHtml}
<h2>三、居民区排名</h2>
${table(
  ['排名', '居民区', '发现', '销账', '销账率', '按期销账率', '超期', EVER_RECURRED],
  b.ranking.map((s) => [
    s.rank,
    s.committee,
    s.found,
    s.closed,
    pct(s.resolutionRate),
    pct(s.onTimeRate),
    s.overdue,
    s.recurred,
  ]),
  '暂无数据。',
)}
<h2>四、超期未整改问题（${b.overdue.length} 个）</h2>
${issues(b.overdue, true, '没有超期未整改的问题。')}
<h2>五、${EVER_RECURRED}问题（${b.recurred.length} 个）</h2>
${issues(b.recurred, false, `没有${EVER_RECURRED}的问题。`)}
</body>
</html>
`;
}
