import { contentDisposition } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, formatBytes, progressPercent } from './download.ts';

describe('export downloads', () => {
  it('saves under the Chinese file name the server gives', () => {
    const header = contentDisposition('问题台账_桃园居委_2026-03-02_1600.xlsx', 'civic-ledger_ledger.xlsx');
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('问题台账_桃园居委_2026-03-02_1600.xlsx');
  });

  it('falls back to the plain name, then to its own', () => {
    expect(filenameFromDisposition('attachment; filename="ledger (1).csv"', 'x.csv')).toBe('ledger (1).csv');
    expect(filenameFromDisposition('attachment; filename=plain.csv', 'x.csv')).toBe('plain.csv');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x.csv')).toBe('x.csv');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });

  it('never saves into a directory the header names', () => {
    expect(filenameFromDisposition('attachment; filename="../../evil.sh"', 'x.csv')).toBe('evil.sh');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''..%2F..", 'x.csv')).toBe('x.csv');
  });

  it('shows a percentage only when the length is known', () => {
    expect(progressPercent({ received: 512, total: 2048, rows: null })).toBe(25);
    expect(progressPercent({ received: 4096, total: 2048, rows: null })).toBe(100);
    expect(progressPercent({ received: 512, total: null, rows: 10 })).toBeNull();
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
