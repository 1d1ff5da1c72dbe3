import { describe, expect, it } from 'vitest';
import { formulaSafe, unFormulaSafe } from './formula-guard.ts';

describe('formula guard', () => {
  it('prefixes text a spreadsheet would read as a formula with an apostrophe', () => {
    for (const text of ['=1+1', '+86 138', '-3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) {
      expect(formulaSafe(text)).toBe(`'${text}`);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['楼道堆物', '3号楼 = 东侧', 'a-b', '', "'already"])
      expect(formulaSafe(text)).toBe(text);
  });

  it('takes back an apostrophe before a line feed, which is how XML reads a neutralised CR', () => {
    expect(unFormulaSafe("'\n=1+1")).toBe('\n=1+1');
  });

  it('is undone on import, and only where it was applied', () => {
    for (const text of ['=1+1', '-3', '@x', '\tx', 'plain', "'quoted"]) {
      expect(unFormulaSafe(formulaSafe(text))).toBe(text);
    }
  });
});
