// The column-mapping step of an import: which row of the sheet holds the headers (a merged
// title often sits above it) and which field each column feeds, guessed from Chinese and
// English labels and the words committees use in their own sheets.
import type { FieldDef } from '../schema/fields.ts';
import type { TableName, TableSchema } from '../schema/table-schema.ts';
import { cellText, normalizeLabel, type SheetCell } from './import-values.ts';

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  readonly column: number;
  readonly header: string;
  /** The field the column feeds, or null to leave the column out. */
  readonly field: string | null;
}

/** Headers that never feed a field (row numbers and the like). */
const IGNORED_HEADERS = ['序号', '编号序号', 'no', 'no.', '#', '行号'].map(normalizeLabel);

/** Other headers committees put over a field, per table. Labels and keys match anyway. */
const HEADER_SYNONYMS: Readonly<Partial<Record<TableName, Readonly<Record<string, readonly string[]>>>>> = {
  ledger: {
    committeeId: ['居委', '居委会', '所属居民区', '社区', '责任居委', '责任居民区'],
    siteId: ['点位名称', '地点', '位置', '问题点位', '检查点位', '小区'],
    category: ['问题类型', '类别', '类型', '问题分类'],
    description: ['描述', '问题', '具体问题', '问题内容', '存在问题', '问题情况'],
    source: ['来源', '发现渠道', '检查类型', '问题来源渠道'],
    foundAt: ['发现日期', '检查日期', '检查时间', '日期', '时间'],
    foundBy: ['检查人', '发现人员'],
    assignee: ['整改责任人', '负责人', '责任人员'],
    deadline: ['整改期限', '完成时限', '期限', '截止日期', '整改截止日期'],
    status: ['整改状态', '进度', '整改进度', '是否整改'],
    rectification: ['处理情况', '整改情况', '整改结果'],
    rectifiedAt: ['整改日期', '完成时间', '完成日期'],
    recurrences: ['回潮', '回潮次数'],
  },
  roster: {
    date: ['值班日期', '日期'],
    start: ['开始时间', '上岗时间'],
    end: ['结束时间', '下岗时间'],
    siteId: ['点位名称', '岗位点位', '地点', '值守点位'],
    role: ['类别', '身份', '岗位类型'],
    person: ['姓名', '值班人员', '人员姓名'],
    phone: ['电话', '手机', '手机号', '联系方式'],
  },
  sites: { name: ['名称', '点位'], kind: ['点位类型'], committeeId: ['居委', '所属居民区', '责任居委'] },
  people: { name: ['人员', '名字'], role: ['类别', '职务'], phone: ['电话', '手机', '手机号', '联系方式'] },
  committees: { name: ['居民区', '居委', '居委会'], secretary: ['党组织书记'], director: ['居委会主任'] },
};

/** The header texts of a sheet row (merged cells repeat their text; blanks are ''). */
export function headerTexts(row: readonly SheetCell[]): string[] {
  return row.map((cell) => cellText(cell));
}

/** How well a header names a field: 3 label or key, 2 known synonym, 1 one holds the other, 0 no. */
function score(header: string, field: FieldDef, table: TableName): number {
  const h = normalizeLabel(header).replace(/[*＊:：]/g, '');
  if (h === '') return 0;
  const labels = [field.label['zh-CN'], field.label.en, field.key].map(normalizeLabel);
  if (labels.includes(h)) return 3;
  const synonyms = (HEADER_SYNONYMS[table]?.[field.key] ?? []).map(normalizeLabel);
  if (synonyms.includes(h)) return 2;
  const zh = normalizeLabel(field.label['zh-CN']);
  if (zh.length >= 2 && h.length <= zh.length + 6 && (h.includes(zh) || zh.includes(h))) return 1;
  return 0;
}

/** How many distinct fields a row's cells name exactly or by synonym. */
function headerStrength(row: readonly SheetCell[], schema: TableSchema): number {
  const named = new Set<string>();
  for (const header of headerTexts(row)) {
    for (const field of schema.fields) if (score(header, field, schema.table) >= 2) named.add(field.key);
  }
  return named.size;
}

/** Rows searched for the header: titles and notes above it rarely take more. */
const HEADER_SEARCH_ROWS = 20;

/** How strongly a sheet looks like this table: the most fields any of its first rows names. */
export function headerScore(grid: readonly (readonly SheetCell[])[], schema: TableSchema): number {
  let best = 0;
  for (const row of grid.slice(0, HEADER_SEARCH_ROWS)) best = Math.max(best, headerStrength(row, schema));
  return best;
}

/**
 * The 0-based index of the header row: among the first rows, the one naming the most
 * fields. A merged title above it repeats one text in every cell and names few or none.
 * With no row naming any field, the first non-blank row.
 */
export function findHeaderRow(grid: readonly (readonly SheetCell[])[], schema: TableSchema): number {
  let best = -1;
  let bestStrength = 0;
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const strength = headerStrength(grid[i] ?? [], schema);
    if (strength > bestStrength) {
      best = i;
      bestStrength = strength;
    }
  }
  if (best >= 0) return best;
  const firstFilled = grid.findIndex((row) => row.some((cell) => cellText(cell) !== ''));
  return Math.max(0, firstFilled);
}

/**
 * A field for each header, best matches first, each field to one column at most. Columns
 * such as 序号 and those naming no field map to null.
 */
export function guessMapping(headers: readonly string[], schema: TableSchema): ColumnMapping[] {
  const candidates: { column: number; field: string; score: number }[] = [];
  headers.forEach((header, column) => {
    if (IGNORED_HEADERS.includes(normalizeLabel(header))) return;
    for (const field of schema.fields) {
      const s = score(header, field, schema.table);
      if (s > 0) candidates.push({ column, field: field.key, score: s });
    }
  });
  // Best score first; between equals, the leftmost column (it is usually the main one).
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const byColumn = new Map<number, string>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (byColumn.has(c.column) || taken.has(c.field)) continue;
    byColumn.set(c.column, c.field);
    taken.add(c.field);
  }
  return headers.map((header, column) => ({ column, header, field: byColumn.get(column) ?? null }));
}
