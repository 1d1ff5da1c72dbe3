// What the import route hands the import worker and what comes back: the uploaded bytes
// with everything the preview needs (plain data, cloned between threads), and the preview
// or the reason there is none with its HTTP status.
import type { DomainError, ImportPreview, ImportRequest } from '@civic-ledger/shared';
import type { SheetFormat } from './sheet-reader.ts';

export interface ImportJob {
  /** Moved to the worker, not copied. */
  readonly bytes: Uint8Array;
  readonly format: SheetFormat;
  readonly sheet: string | undefined;
  readonly request: Omit<ImportRequest, 'grid' | 'existingIds'> & { readonly existingIds: readonly string[] };
}

export interface ImportResult {
  readonly format: SheetFormat;
  readonly sheets: readonly string[];
  readonly sheet: string;
  readonly preview: ImportPreview;
}

export type ImportAnswer =
  | { readonly ok: true; readonly value: ImportResult }
  | { readonly ok: false; readonly status: 400 | 413 | 422 | 503; readonly error: DomainError };
