import { describe, expect, it } from 'vitest';
import { formatTsv, parseTsv } from './tsv.ts';

describe('clipboard TSV', () => {
  it('reads a plain block of cells', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads CRLF line ends from Excel and ignores the trailing one', () => {
    expect(parseTsv('待整改\t楼道堆物\r\n整改中\t沿街垃圾\r\n')).toEqual([
      ['待整改', '楼道堆物'],
      ['整改中', '沿街垃圾'],
    ]);
  });

  it('keeps empty cells, including at the end of a row', () => {
    expect(parseTsv('a\t\tc\t\r\n\tb\t\r\n')).toEqual([
      ['a', '', 'c', ''],
      ['', 'b', ''],
    ]);
  });

  it('reads quoted cells with tabs, newlines and doubled quotes', () => {
    expect(parseTsv('"第一行\r\n第二行"\t"含\t制表符"\t"他说""好"""\r\nx\ty\tz')).toEqual([
      ['第一行\r\n第二行', '含\t制表符', '他说"好"'],
      ['x', 'y', 'z'],
    ]);
  });

  it('takes a quote inside a cell literally', () => {
    expect(parseTsv('5" 屏幕\tb')).toEqual([['5" 屏幕', 'b']]);
    expect(parseTsv('"abc"def\tb')).toEqual([['"abc"def', 'b']]);
  });

  it('reads a single value as one cell', () => {
    expect(parseTsv('hello')).toEqual([['hello']]);
    expect(parseTsv('hello\n')).toEqual([['hello']]);
  });

  it('writes cells so that reading them back gives the same cells', () => {
    const rows = [
      ['普通', 'with\ttab', 'line\nbreak'],
      ['"quoted"', '', 'crlf\r\nend'],
    ];
    const text = formatTsv(rows);
    expect(text).toBe('普通\t"with\ttab"\t"line\nbreak"\r\n"""quoted"""\t\t"crlf\r\nend"');
    expect(parseTsv(text)).toEqual(rows);
  });
});
