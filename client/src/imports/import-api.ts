// The upload to POST /api/import/preview: the file as multipart form data with the room,
// sheet, header row, mapping and fixed values, sent with the session's token. Uses
// XMLHttpRequest for its upload progress; can be aborted (cancel). Nothing is written.
import { type DomainError, domainError } from '@civic-ledger/shared';
import type { Session } from '../session/session.ts';
import type { ApiResult } from '../session/session-api.ts';
import { type PreviewResponse, parsePreviewResponse } from './preview-response.ts';

export interface PreviewRequest {
  readonly room: string;
  readonly file: File;
  /** A sheet's name; absent lets the server pick the one that looks like the table. */
  readonly sheet?: string | null;
  /** 1-based; absent lets the server find the header row. */
  readonly headerRow?: number | null;
  /** Absent lets the server guess the mapping from the headers. */
  readonly mapping?: readonly { readonly column: number; readonly field: string }[] | null;
  readonly fixed?: Readonly<Record<string, string>> | null;
}

/** Upload progress: bytes sent of the total; `done` once the server is reading the file. */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
  readonly done: boolean;
}

const PREVIEW_PATH = '/api/import/preview';

/** The form the endpoint reads. */
export function previewForm(req: PreviewRequest): FormData {
  const form = new FormData();
  form.set('room', req.room);
  if (req.sheet) form.set('sheet', req.sheet);
  if (req.headerRow) form.set('headerRow', String(req.headerRow));
  if (req.mapping) form.set('mapping', JSON.stringify(req.mapping));
  if (req.fixed && Object.keys(req.fixed).length > 0) form.set('fixed', JSON.stringify(req.fixed));
  form.set('file', req.file, req.file.name);
  return form;
}

function serverError(body: unknown): DomainError | null {
  const error = (body as { error?: unknown } | null)?.error as DomainError | undefined;
  return error && typeof error.code === 'string' && typeof error.message === 'object' ? error : null;
}

/** What an HTTP answer means for the dialog. */
export function previewResult(status: number, text: string): ApiResult<PreviewResponse> {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (status >= 200 && status < 300) {
    const parsed = parsePreviewResponse(body);
    return parsed
      ? { ok: true, value: parsed }
      : {
          ok: false,
          unauthorized: false,
          error: domainError('bad_answer', '服务器应答无效', 'bad answer from the server'),
        };
  }
  return {
    ok: false,
    unauthorized: status === 401,
    error:
      serverError(body) ??
      (status === 413
        ? domainError('import_too_large', '文件太大', 'the file is too large')
        : domainError('http_error', `服务器返回 ${status}`, `the server answered ${status}`)),
  };
}

export interface PendingPreview {
  readonly result: Promise<ApiResult<PreviewResponse> | null>;
  /** Stops the upload; `result` then resolves with null. */
  abort(): void;
}

export function requestPreview(
  session: Session,
  req: PreviewRequest,
  onProgress: (p: UploadProgress) => void,
): PendingPreview {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ApiResult<PreviewResponse> | null>((resolve) => {
    xhr.open('POST', PREVIEW_PATH);
    xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ sent: e.loaded, total: e.total, done: false });
    };
    xhr.upload.onload = () => onProgress({ sent: req.file.size, total: req.file.size, done: true });
    xhr.onload = () => resolve(previewResult(xhr.status, xhr.responseText));
    xhr.onabort = () => resolve(null);
    xhr.onerror = () =>
      resolve({
        ok: false,
        unauthorized: false,
        error: domainError('unreachable', '无法连接服务器', 'cannot reach the server'),
      });
    xhr.send(previewForm(req));
  });
  return { result, abort: () => xhr.abort() };
}
