// Downloads an export with progress: the response is read chunk by chunk (bytes received,
// and a percentage when the server says how long it is), then saved under the server's
// file name from Content-Disposition through a Blob URL and an <a download>.
import type { DomainError } from '@civic-ledger/shared';
import { domainError } from '@civic-ledger/shared';
import type { Session } from '../session/session.ts';
import type { ApiResult } from '../session/session-api.ts';
import { authHeader, errorOf } from './snapshot-api.ts';

export interface DownloadProgress {
  readonly received: number;
  /** From Content-Length; null when the response is streamed without one. */
  readonly total: number | null;
  /** Data rows in the file (`X-Export-Rows`), when the server says. */
  readonly rows: number | null;
}

export interface Downloaded {
  readonly blob: Blob;
  readonly filename: string;
  readonly rows: number | null;
}

/** Whole percent received, or null when the length is unknown. */
export function progressPercent(p: DownloadProgress): number | null {
  if (p.total === null || p.total <= 0) return null;
  return Math.min(100, Math.floor((p.received / p.total) * 100));
}

/** `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The file name a Content-Disposition header gives: `filename*=UTF-8''…` (RFC 5987,
 * the Chinese name) first, then `filename="…"`, else the fallback.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      const name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
      if (name !== '') return safeName(name, fallback);
    } catch {
      // a malformed escape: try the plain name
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain?.[1]?.trim();
  return name ? safeName(name, fallback) : fallback;
}

/** No directories in a name a browser will save. */
function safeName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

function positiveInt(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** Fetches `path` with the session's token, reporting progress; cancelled through `signal`. */
export async function downloadWithProgress(
  session: Session,
  path: string,
  fallbackName: string,
  onProgress: (p: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<ApiResult<Downloaded>> {
  const fail = (error: DomainError, unauthorized = false): ApiResult<Downloaded> => ({
    ok: false,
    unauthorized,
    error,
  });
  const broken = (err: unknown) => {
    const detail = err instanceof Error ? err.message : String(err);
    return fail(
      domainError('download_failed', `下载中断（${detail}）`, `the download broke off (${detail})`),
    );
  };
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeader(session), ...(signal ? { signal } : {}) });
  } catch (err) {
    return broken(err);
  }
  if (!res.ok) return fail(await errorOf(res), res.status === 401);
  const total = positiveInt(res.headers.get('content-length'));
  const rows = positiveInt(res.headers.get('x-export-rows'));
  const filename = filenameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total, rows });
  try {
    const reader = res.body?.getReader();
    if (!reader) {
      const whole = new Uint8Array(await res.arrayBuffer());
      chunks.push(whole);
      received = whole.byteLength;
    } else {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        onProgress({ received, total, rows });
      }
    }
  } catch (err) {
    return broken(err);
  }
  onProgress({ received, total: total ?? received, rows });
  return { ok: true, value: { blob: new Blob(chunks, { type }), filename, rows } };
}

/** Hands a downloaded file to the browser under its name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; free the memory after.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
