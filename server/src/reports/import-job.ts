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

/** The answer of POST /api/import/preview, as the client reads it. */
export interface ImportResponse {
  readonly format: SheetFormat;
  readonly sheets: readonly string[];
  readonly sheet: string;
  /** What the mapping step offers: every field of the room's table. */
  readonly fields: readonly unknown[];
  readonly preview: ImportPreview;
}

/**
 * The response body already written as UTF-8 JSON in the worker and moved, not copied, to
 * the event loop (thousands of row objects would be cloned and then serialised there),
 * with the counts the server logs.
 */
export interface ImportResult {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly rows: number;
  readonly rejected: number;
}

export type ImportAnswer =
  | { readonly ok: true; readonly value: ImportResult }
  | { readonly ok: false; readonly status: 400 | 413 | 422 | 503; readonly error: DomainError };
