import { describe, expect, it } from 'vitest';
import { csvLine, decodeText, parseCsv, toCsv, UTF8_BOM } from './csv.ts';

describe('CSV', () => {
  it('starts with a byte-order mark and ends records with CRLF so Excel reads Chinese', () => {
    const text = toCsv([
      ['问题类别', '问题描述'],
      ['楼道堆物', '3号楼'],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe('问题类别,问题描述\r\n楼道堆物,3号楼\r\n');
  });

  it('quotes fields holding commas, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'plain'])).toBe(
      '"a,b","say ""hi""","two\nlines",plain\r\n',
    );
  });

  it('reads back what it writes', () => {
    const records = [
      ['编号', '描述'],
      ['1', '含,逗号'],
      ['2', '含"引号"和\r\n换行'],
      ['3', ''],
    ];
    expect(parseCsv(toCsv(records))).toEqual({ ok: true, value: records });
  });

  it('accepts LF and lone CR line ends and a missing final line end', () => {
    expect(parseCsv('a,b\nc,d\re,f')).toEqual({
      ok: true,
      value: [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ],
    });
  });

  it('keeps empty fields and blank lines as records', () => {
    expect(parseCsv('a,,c\r\n\r\n,,\r\n')).toEqual({ ok: true, value: [['a', '', 'c'], [''], ['', '', '']] });
  });

  it('finds tab and semicolon delimiters from the first line', () => {
    expect(parseCsv('a\tb\tc\n1\t2,5\t3')).toEqual({
      ok: true,
      value: [
        ['a', 'b', 'c'],
        ['1', '2,5', '3'],
      ],
    });
    expect(parseCsv('a;b\n1;2')).toEqual({
      ok: true,
      value: [
        ['a', 'b'],
        ['1', '2'],
      ],
    });
  });

  it('refuses an unterminated quote with the line it opened on', () => {
    const parsed = parseCsv('a,b\n1,"never closed\n2,3');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('csv_unterminated_quote');
      expect(parsed.error.message.en).toContain('line 2');
    }
  });

  it('decodes UTF-8 with or without BOM, and GB18030 from Chinese Excel', () => {
    const utf8 = new TextEncoder().encode('\uFEFF楼道堆物,1');
    expect(decodeText(utf8)).toBe('楼道堆物,1');
    // 楼道 in GBK / GB18030.
    const gbk = new Uint8Array([0xc2, 0xa5, 0xb5, 0xc0, 0x2c, 0x31]);
    expect(decodeText(gbk)).toBe('楼道,1');
  });
});
