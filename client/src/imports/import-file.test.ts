import { describe, expect, it } from 'vitest';
import { checkImportFile, MAX_IMPORT_FILE_BYTES } from './import-file.ts';

const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
const text = new TextEncoder().encode('点位,类别');

describe('a chosen import file', () => {
  it('takes an XLSX workbook and a CSV file', () => {
    expect(checkImportFile('桃园5月台账.xlsx', 2048, zip)).toBeNull();
    expect(checkImportFile('台账.CSV', 100, text)).toBeNull();
  });

  it('refuses an empty file and one over the server limit', () => {
    expect(checkImportFile('a.csv', 0, new Uint8Array())?.code).toBe('import_empty_file');
    expect(checkImportFile('a.xlsx', MAX_IMPORT_FILE_BYTES + 1, zip)?.code).toBe('import_too_large');
    expect(checkImportFile('a.xlsx', MAX_IMPORT_FILE_BYTES, zip)).toBeNull();
  });

  it('names old .xls files, by name or by content, and says what to do', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const byName = checkImportFile('台账.xls', 100, zip);
    expect(byName?.code).toBe('import_old_excel');
    expect(byName?.message['zh-CN']).toContain('另存为 .xlsx');
    expect(checkImportFile('台账.xlsx', 100, ole)?.code).toBe('import_old_excel');
  });

  it('refuses other kinds of file', () => {
    expect(checkImportFile('photo.png', 100, new Uint8Array([0x89, 0x50]))?.code).toBe('import_file_kind');
  });
});
